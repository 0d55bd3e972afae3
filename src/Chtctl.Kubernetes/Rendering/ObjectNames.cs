using Chtctl.Core.Topology;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// Names of the objects an instance is made of. Wherever Medic's Helm charts name an object, the name is
/// theirs: operators' kubectl habits and troubleshooting scripts keep working, and CHT's upgrade payload
/// matches Deployments by container name (<c>cht-api</c>, <c>cht-couchdb-2</c>).
/// </summary>
internal static class ObjectNames
{
    public const string CredentialsSecret = "cht-couchdb-credentials";
    public const string HaproxyConfigMap = "haproxy-config";
    public const string Ingress = "api-ingress";
    public const string UpgradeServiceAccount = "cht-upgrade-service-user";
    public const string UpgradeRole = "deployment-manager";
    public const string UpgradeRoleBinding = "deployment-manager-cht";
    public const string CouchDbDisruptionBudget = "couchdb";

    /// <summary>A Deployment carries its main container's name, as in Medic's chart (<c>cht-api</c>, <c>upgrade-service</c>).</summary>
    public static string Deployment(Component main) => main.ContainerName;

    /// <summary>A NetworkPolicy guards one pod and is named after it.</summary>
    public static string NetworkPolicy(Component main) => main.Name;

    /// <summary><c>couchdb-claim0</c> for a single node, <c>couchdb-N-claim0</c> in a cluster.</summary>
    public static string Claim(InstanceTopology topology, int node) =>
        topology.IsClustered ? $"couchdb-{node}-claim0" : "couchdb-claim0";

    /// <summary>
    /// PersistentVolumes are cluster-wide, so the namespace is part of the name: <c>couchdb-pv-&lt;ns&gt;</c>,
    /// or <c>couchdb-pv-&lt;ns&gt;-N</c> in a cluster.
    /// </summary>
    public static string PersistentVolume(InstanceTopology topology, int node) =>
        topology.IsClustered ? $"couchdb-pv-{topology.Namespace}-{node}" : $"couchdb-pv-{topology.Namespace}";

    /// <summary>The pod volume holding a CouchDB node's storage, named after its claim.</summary>
    public static string StorageVolume(InstanceTopology topology, int node) => Claim(topology, node);
}
