using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// A CouchDB cluster keeps each shard on one node only (n=1): a drain that evicts two nodes at once takes
/// data offline. The budget lets node maintenance move one CouchDB node at a time. A single node gets none,
/// since a budget allowing no eviction would block every drain of its machine.
/// </summary>
internal static class DisruptionBudgetBuilder
{
    public static V1PodDisruptionBudget? Build(InstanceTopology topology) => !topology.IsClustered ? null : new V1PodDisruptionBudget
    {
        ApiVersion = TypeMeta.ApiVersion(V1PodDisruptionBudget.KubeGroup, V1PodDisruptionBudget.KubeApiVersion),
        Kind = V1PodDisruptionBudget.KubeKind,
        Metadata = ObjectMeta.Namespaced(topology, ObjectNames.CouchDbDisruptionBudget, "couchdb", ObjectLabels.ComponentOf(ComponentRole.CouchDb)),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = 1,
            Selector = new V1LabelSelector { MatchLabels = ObjectLabels.RoleSelector(topology, ComponentRole.CouchDb) },
        },
    };
}
