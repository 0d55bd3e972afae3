using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>The instance's namespace: the home of all its objects and of its state (credentials, history).</summary>
internal static class NamespaceBuilder
{
    public static V1Namespace Build(InstanceTopology topology) => new()
    {
        ApiVersion = V1Namespace.KubeApiVersion,
        Kind = V1Namespace.KubeKind,
        Metadata = ObjectMeta.ClusterScoped(topology, topology.Namespace, ObjectLabels.PartOfValue, "instance"),
    };
}
