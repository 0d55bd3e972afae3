using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Import.Env;

/// <summary>
/// Reads the .env of the documented upstream Docker Compose install (cht-upgrade-service with cht-core.yml and
/// cht-couchdb.yml) into a compose instance spec and the credentials it carried. The .env never names the CHT
/// version, so that comes from the options or stays 'latest' with a warning.
/// </summary>
internal static class DockerEnvImporter
{
    /// <summary>cht-upgrade-service's default compose project name.</summary>
    private const string UpstreamProject = "cht";

    /// <summary>The compose templates' default CouchDB user (the docs use medic).</summary>
    private const string UpstreamUser = "admin";

    private const string DefaultMarket = "https://staging.dev.medicmobile.org";
    private const string DefaultBuildsServer = "_couch/builds_4";

    public static ImportResult Import(string text, string file, ImportOptions options)
    {
        var context = new ImportContext(file);
        var entries = EnvFile.Parse(text, context);
        if (entries.Count == 0)
        {
            context.Error("", SourceLocation.None, "no variables found: there is nothing to import",
                "pass the .env beside the upgrade service's docker-compose.yml");
            return new ImportResult(null, ImportedSecrets.None, context.Finish(null)) { Format = ImportFormat.DockerEnv };
        }

        var reader = new EnvReader(entries, context);
        var project = reader.Text("CHT_COMPOSE_PROJECT_NAME") ?? UpstreamProject;
        var name = Name(reader, project);
        var storage = DockerEnvStorage.Read(reader);
        var spec = new InstanceSpec
        {
            Name = name,
            Target = DeploymentTarget.Compose,
            Cht = Cht(reader, options),
            Couchdb = CouchDb(reader, storage.Nodes),
            Tls = DockerEnvTls.Read(reader, project),
            Compose = new ComposeSpec { DataDir = storage.DataDir, Ports = Ports(reader) },
        };
        var secrets = DockerEnvSecrets.Read(reader, project);
        reader.NotNeeded("CHT_COMPOSE_PATH", "chtctl renders its own compose project in the instance home; the downloaded files there are not used");
        DockerEnvKeys.Report(reader);
        return new ImportResult(spec, secrets, context.Finish(spec)) { Format = ImportFormat.DockerEnv };
    }

    private static string Name(EnvReader reader, string project)
    {
        const string key = "CHT_COMPOSE_PROJECT_NAME";
        var context = reader.Context;
        context.Origin("name", key, reader.Locate(key));
        if (!reader.Has(key))
            context.Info(key, SourceLocation.None, $"not set: the upgrade service's default project name '{UpstreamProject}' names the instance");
        if (InstanceNames.IsLabel(project))
            return project;
        var label = InstanceNames.Sanitise(project) ?? "";
        context.Info(key, reader.Locate(key), $"'{project}' is not a DNS label; the instance is named '{label}'",
            $"the old project's containers and volumes keep the name {project}");
        return label;
    }

    private static ChtSpec Cht(EnvReader reader, ImportOptions options)
    {
        var context = reader.Context;
        var cht = new ChtSpec();
        if (options.ChtVersion is { } version)
        {
            cht = cht with { Version = version };
        }
        else
        {
            context.Warning("", SourceLocation.None, "a .env does not say which CHT version runs: cht.version is 'latest', which would upgrade the instance",
                "pin the running version (docker ps shows it in the cht-api image tag): pass it to the import, or set cht.version");
        }

        var market = reader.Text("MARKET_URL_READ");
        var server = reader.Text("BUILDS_SERVER");
        if (market is not null || server is not null)
        {
            // The same interpolation as cht-core.yml: ${MARKET_URL_READ:-…}/${BUILDS_SERVER:-…}.
            cht = cht with { BuildsUrl = $"{market ?? DefaultMarket}/{server ?? DefaultBuildsServer}" };
            var key = market is not null ? "MARKET_URL_READ" : "BUILDS_SERVER";
            context.Origin("cht.buildsUrl", key, reader.Locate(key));
        }

        return cht;
    }

    private static CouchDbSpec CouchDb(EnvReader reader, int nodes)
    {
        var context = reader.Context;
        var couchdb = new CouchDbSpec { Nodes = nodes, User = reader.Text("COUCHDB_USER") ?? UpstreamUser };
        context.Origin("couchdb.user", "COUCHDB_USER", reader.Locate("COUCHDB_USER"));
        if (!reader.Has("COUCHDB_USER"))
            context.Info("COUCHDB_USER", SourceLocation.None, $"not set: upstream's compose files default to '{UpstreamUser}', so the user is {UpstreamUser}");

        if (reader.Text("COUCHDB_LOG_LEVEL") is { } level)
        {
            var values = SpecNaming.EnumValues(typeof(CouchDbLogLevel));
            var match = Enum.GetValues<CouchDbLogLevel>().Where(l => SpecNaming.EnumValueOf(l) == level.ToLowerInvariant()).ToArray();
            if (match.Length == 1)
                couchdb = couchdb with { LogLevel = match[0] };
            else
                context.Error("COUCHDB_LOG_LEVEL", reader.Locate("COUCHDB_LOG_LEVEL"), $"expected one of {string.Join(", ", values)}; found '{level}'",
                    DidYouMean.Suggest(level, values) is { } s ? $"did you mean '{s}'?" : null);
        }

        return couchdb;
    }

    private static PortsSpec Ports(EnvReader reader)
    {
        var ports = new PortsSpec();
        if (reader.Port("NGINX_HTTP_PORT") is { } http)
        {
            ports = ports with { Http = http };
            reader.Context.Origin("compose.ports.http", "NGINX_HTTP_PORT", reader.Locate("NGINX_HTTP_PORT"));
        }

        if (reader.Port("NGINX_HTTPS_PORT") is { } https)
        {
            ports = ports with { Https = https };
            reader.Context.Origin("compose.ports.https", "NGINX_HTTPS_PORT", reader.Locate("NGINX_HTTPS_PORT"));
        }

        return ports;
    }
}
