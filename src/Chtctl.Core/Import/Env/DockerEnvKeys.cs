using Chtctl.Core.Parsing;

namespace Chtctl.Core.Import.Env;

/// <summary>Variables whose job chtctl does itself, variables it cannot carry over, and every variable it knows.</summary>
internal static class DockerEnvKeys
{
    private const string Wiring = "chtctl wires its containers together itself";

    private static readonly (string Key, string Why)[] NotNeededKeys =
    [
        ("DOCKER_CONFIG_PATH", "chtctl pulls with the Docker engine's own login (docker login as the user running chtctl)"),
        ("DOCKER_HOST", "chtctl talks to the Docker engine it runs against"),
        ("CHT_BACKUP_COMPOSE_FILES", "chtctl keeps each applied spec in the instance's history instead of copying compose files"),
        ("UPGRADE_SERVICE_URL", Wiring), ("HAPROXY_IP", Wiring), ("HAPROXY_PORT", Wiring), ("HEALTHCHECK_ADDR", Wiring),
        ("API_PORT", Wiring), ("COUCHDB_SERVERS", Wiring), ("CLUSTER_PEER_IPS", Wiring), ("COUCHDB_SYNC_ADMINS_NODE", Wiring),
        ("SVC_NAME", Wiring), ("SVC1_NAME", Wiring), ("SVC2_NAME", Wiring), ("SVC3_NAME", Wiring),
        ("HEALTHCHECK_LOG_LEVEL", "chtctl's health agent replaces upstream's"),
    ];

    private static readonly (string Key, string Why)[] IgnoredKeys =
    [
        ("LOG_MAX_SIZE", "chtctl sets its own log rotation for the containers"),
        ("LOG_MAX_FILES", "chtctl sets its own log rotation for the containers"),
        ("PROXY_CHANGE_ORIGIN", "the instance file has no setting for api's proxy behaviour yet"),
        ("ADD_SERVERNAME_TO_HTTP_AGENT", "the instance file has no setting for api's proxy behaviour yet"),
    ];

    /// <summary>Every variable of upstream's compose files and upgrade service, for suggestions.</summary>
    private static readonly string[] Known =
    [
        "CHT_COMPOSE_PROJECT_NAME", "CHT_COMPOSE_PATH", "CHT_NETWORK", "COUCHDB_USER", "COUCHDB_PASSWORD", "COUCHDB_SECRET", "COUCHDB_UUID",
        "COUCHDB_DATA", "DB1_DATA", "DB2_DATA", "DB3_DATA", "COUCHDB_LOG_LEVEL", "NGINX_HTTP_PORT", "NGINX_HTTPS_PORT",
        "CERTIFICATE_MODE", "SSL_CERT_FILE_PATH", "SSL_KEY_FILE_PATH", "SSL_VOLUME_MOUNT_PATH", "COMMON_NAME", "EMAIL",
        "COUNTRY", "STATE", "LOCALITY", "ORGANISATION", "DEPARTMENT", "MARKET_URL_READ", "BUILDS_SERVER",
        .. NotNeededKeys.Select(k => k.Key), .. IgnoredKeys.Select(k => k.Key),
    ];

    public static void Report(EnvReader reader)
    {
        foreach (var (key, why) in NotNeededKeys)
            reader.NotNeeded(key, why);
        foreach (var (key, why) in IgnoredKeys)
        {
            // Upstream's defaults (false for the proxy switches) change nothing, so only other values are worth a warning.
            if (reader.Text(key) is "false")
                reader.NotNeeded(key, "false is upstream's default");
            else
                reader.Ignore(key, why);
        }

        Network(reader);
        foreach (var entry in reader.Unread())
        {
            var suggestion = DidYouMean.Suggest(entry.Key, Known);
            reader.Context.Warning(entry.Key, entry.KeyLocation, "ignored: not a variable of upstream's CHT compose files or upgrade service",
                suggestion is not null ? $"did you mean '{suggestion}'?" : null);
        }
    }

    /// <summary>Upstream gave every project the fixed network cht-net so other compose projects could join it.</summary>
    private static void Network(EnvReader reader)
    {
        switch (reader.Text("CHT_NETWORK"))
        {
            case null when !reader.Has("CHT_NETWORK"):
                break;
            case null or "cht-net":
                reader.Context.Info("CHT_NETWORK", reader.Locate("CHT_NETWORK"), "not needed: chtctl gives each instance its own network");
                break;
            case var network:
                reader.Context.Warning("CHT_NETWORK", reader.Locate("CHT_NETWORK"),
                    $"ignored: chtctl gives each instance its own network; containers of other projects on '{network}' will not reach this instance",
                    "reach the instance through its published HTTPS port instead");
                break;
        }
    }
}
