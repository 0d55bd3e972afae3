using System.Globalization;
using Chtctl.Core.Parsing;

namespace Chtctl.Core.Import.Env;

internal sealed record DockerEnvStorageReading(int Nodes, string? DataDir);

/// <summary>
/// Where CouchDB's data is on the host: COUCHDB_DATA for one node, DB1_DATA..DB3_DATA for upstream's three-node
/// compose file. chtctl's layout is the data directory itself for one node and <c>couchdb-N</c> under it for a cluster.
/// </summary>
internal static class DockerEnvStorage
{
    private static readonly string[] ClusterKeys = ["DB1_DATA", "DB2_DATA", "DB3_DATA"];

    /// <summary>Upstream's clustered compose file has exactly three CouchDB services.</summary>
    private const int UpstreamClusterNodes = 3;

    public static DockerEnvStorageReading Read(EnvReader reader)
    {
        var composePath = reader.Text("CHT_COMPOSE_PATH");
        var clusterKey = ClusterKeys.FirstOrDefault(reader.Has)
            ?? new[] { "CLUSTER_PEER_IPS", "COUCHDB_SYNC_ADMINS_NODE" }.FirstOrDefault(reader.Has)
            ?? (reader.Has("COUCHDB_SERVERS") && (reader.Text("COUCHDB_SERVERS") ?? "").Contains(',', StringComparison.Ordinal) ? "COUCHDB_SERVERS" : null);
        return clusterKey is null ? Single(reader, composePath) : Cluster(reader, composePath, clusterKey);
    }

    private static DockerEnvStorageReading Single(EnvReader reader, string? composePath)
    {
        var context = reader.Context;
        var data = reader.Text("COUCHDB_DATA");
        if (data is null)
        {
            var where = composePath is not null ? $"{composePath.TrimEnd('/')}/srv" : null;
            context.Warning("COUCHDB_DATA", SourceLocation.None,
                "not set: upstream's compose file kept CouchDB data in ./srv beside the compose files" + (where is null ? "" : $"; compose.dataDir is {where}"),
                where is null ? "set compose.dataDir to the host directory that holds the data" : "check that the data is there");
            if (where is not null)
                context.Origin("compose.dataDir", "CHT_COMPOSE_PATH", reader.Locate("CHT_COMPOSE_PATH"));
            return new DockerEnvStorageReading(1, where);
        }

        context.Origin("compose.dataDir", "COUCHDB_DATA", reader.Locate("COUCHDB_DATA"));
        return new DockerEnvStorageReading(1, Absolute(reader, "COUCHDB_DATA", data, composePath));
    }

    private static DockerEnvStorageReading Cluster(EnvReader reader, string? composePath, string clusterKey)
    {
        var context = reader.Context;
        context.Info(clusterKey, reader.Locate(clusterKey), $"a clustered CouchDB ({UpstreamClusterNodes} nodes, upstream's cht-couchdb-clustered.yml)");
        context.Origin("couchdb.nodes", clusterKey, reader.Locate(clusterKey));
        if (reader.Has("COUCHDB_DATA"))
            reader.NotNeeded("COUCHDB_DATA", "the clustered compose file uses DB1_DATA..DB3_DATA");

        var paths = ClusterKeys.Select((key, i) =>
            Absolute(reader, key, reader.Text(key) ?? string.Create(CultureInfo.InvariantCulture, $"./srv{i + 1}"), composePath)).ToArray();
        var parents = paths.Select(p => Path.GetDirectoryName(p.TrimEnd('/'))?.Replace('\\', '/')).Distinct().ToArray();
        var dataDir = parents is [{ Length: > 0 } parent] && parent.StartsWith('/') ? parent : null;
        context.Origin("compose.dataDir", ClusterKeys[0], reader.Locate(ClusterKeys[0]));

        for (var i = 0; i < paths.Length; i++)
        {
            var expected = dataDir is null ? $"<compose.dataDir>/couchdb-{i + 1}" : $"{dataDir}/couchdb-{i + 1}";
            if (paths[i].TrimEnd('/') == expected)
                continue;
            var key = ClusterKeys[i];
            context.Warning(key, reader.Has(key) ? reader.Locate(key) : SourceLocation.None,
                $"chtctl keeps node {i + 1}'s data in {expected}, not {paths[i]}",
                dataDir is null ? "set compose.dataDir, then move each node's directory to couchdb-N under it before `chtctl up`"
                    : $"before `chtctl up`, stop the old project and move {paths[i]} to {expected}");
        }

        return new DockerEnvStorageReading(UpstreamClusterNodes, dataDir);
    }

    /// <summary>Compose resolves a relative bind mount against the compose files' directory.</summary>
    private static string Absolute(EnvReader reader, string key, string path, string? composePath)
    {
        if (path.StartsWith('/') || composePath is null || !composePath.StartsWith('/'))
            return path;
        var absolute = composePath.TrimEnd('/') + "/" + (path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path);
        reader.Context.Info(key, reader.Locate(key), $"'{path}' is relative to the compose files (CHT_COMPOSE_PATH): read as {absolute}");
        return absolute;
    }
}
