using Chtctl.Core.Parsing;

namespace Chtctl.Core.Import.Env;

/// <summary>COUCHDB_PASSWORD, COUCHDB_SECRET and COUCHDB_UUID as the upgrade service passed them to CouchDB.</summary>
internal static class DockerEnvSecrets
{
    public static ImportedSecrets Read(EnvReader reader, string project)
    {
        var context = reader.Context;
        var password = Value(reader, "COUCHDB_PASSWORD");
        if (password is null && !context.HasError("COUCHDB_PASSWORD"))
            context.Warning("COUCHDB_PASSWORD", SourceLocation.None,
                "no COUCHDB_PASSWORD (upstream's compose files refuse to start without it): chtctl will generate one, which suits only a new instance",
                "for a running instance, add the password it runs with to the .env and import again");
        else if (password is not null)
            SecretChecks.CheckPassword(password, context);

        // Left empty, CouchDB's entrypoint generated these at first start and stored them in local.d.
        var fromLocalD = $"docker run --rm -v {project}_cht-credentials:/d alpine cat /d/cluster-credentials.ini";
        var secret = Value(reader, "COUCHDB_SECRET");
        var uuid = Value(reader, "COUCHDB_UUID");
        foreach (var (key, value, what) in new[] { ("COUCHDB_SECRET", secret, "[couch_httpd_auth] secret"), ("COUCHDB_UUID", uuid, "[couchdb] uuid") })
        {
            if (value is not null)
                SecretChecks.CheckPublished(value, context);
            else if (!context.HasError(key))
                context.Warning(key, reader.Has(key) ? reader.Locate(key) : SourceLocation.None,
                    $"{(reader.Has(key) ? "empty" : "not set")}: CouchDB generated its own at first start and keeps it in local.d (volume {project}_cht-credentials); chtctl would generate a different one",
                    $"read {what} from local.d ({fromLocalD}) and add it to the imported secrets");
        }

        return new ImportedSecrets(password?.Value, secret?.Value, uuid?.Value);
    }

    private static SecretValue? Value(EnvReader reader, string key) =>
        reader.Text(key, secret: true) is { } text ? new SecretValue(key, text, reader.Locate(key)) : null;
}
