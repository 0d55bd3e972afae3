using System.Globalization;

namespace Chtctl.Core.Import.Helm;

/// <summary>
/// Which Kubernetes node runs each CouchDB node: nodes.node-N for a cluster, nodes.single_node_deploy for one node
/// (upstream's comment says it pins every component; only CouchDB used it).
/// </summary>
internal static class HelmPinning
{
    public const string SingleNode = "nodes.single_node_deploy";

    public static string NodeKey(int node) => string.Create(CultureInfo.InvariantCulture, $"nodes.node-{node}");

    // required: the data lives on the named machines, so every node must be named; why says so in the error.
    public static IReadOnlyList<string> Read(HelmReader reader, HelmCouchDbReading couchdb, bool required, string why)
    {
        var context = reader.Context;
        var extra = reader.Values.ChildrenOf("nodes")
            .Where(k => k.StartsWith("node-", StringComparison.Ordinal) && int.TryParse(k[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > (couchdb.Clustered ? couchdb.CouchDb.Nodes : 0))
            .Select(k => "nodes." + k).ToArray();
        foreach (var key in extra)
        {
            if (!string.IsNullOrEmpty(reader.Text(key)))
                context.Warning(key, reader.Locate(key), couchdb.Clustered
                    ? $"ignored: there are only {couchdb.CouchDb.Nodes} CouchDB nodes"
                    : $"ignored: clustered CouchDB is off; a single node is pinned with {SingleNode}");
        }

        if (!couchdb.Clustered)
        {
            if (reader.Text(SingleNode) is not { Length: > 0 } single)
                return [];
            context.Origin("kubernetes.pinning", SingleNode, reader.Locate(SingleNode));
            context.Origin("kubernetes.pinning[0]", SingleNode, reader.Locate(SingleNode));
            return [single];
        }

        reader.NotUsed(SingleNode, "CouchDB is clustered; nodes.node-N pin its nodes");
        var names = Enumerable.Range(1, couchdb.CouchDb.Nodes).Select(n => (Key: NodeKey(n), Name: reader.Text(NodeKey(n)))).ToArray();
        var named = names.Where(n => !string.IsNullOrEmpty(n.Name)).ToArray();
        if (named.Length == 0 && !required)
            return [];

        foreach (var (key, _) in names.Where(n => string.IsNullOrEmpty(n.Name)))
        {
            if (!context.HasError(key))
                context.Error(key, reader.Has(key) ? reader.Locate(key) : reader.Locate("nodes"),
                    required ? $"no Kubernetes node named for {key[6..]}: {why}" : $"no Kubernetes node named for {key[6..]}, while others are",
                    "name the node (kubectl get nodes) for every CouchDB node, or for none");
        }

        if (named.Length != names.Length)
            return [];
        context.Origin("kubernetes.pinning", "nodes", reader.Locate("nodes"));
        for (var i = 0; i < names.Length; i++)
            context.Origin($"kubernetes.pinning[{i}]", names[i].Key, reader.Locate(names[i].Key));
        return names.Select(n => n.Name!).ToArray();
    }
}
