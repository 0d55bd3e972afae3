using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// A ClusterIP Service for every component that listens, named as the component (<c>api</c>,
/// <c>couchdb-2</c>, <c>nouveau-2</c>): the names the topology's URLs and CouchDB node names use.
/// A sidecar's Service (nouveau) selects the pod it runs in.
/// </summary>
internal static class ServiceBuilder
{
    public static IEnumerable<V1Service> Build(InstanceTopology topology) =>
        topology.Components.Where(c => c.Ports.Count > 0).Select(c => Build(topology, c));

    private static V1Service Build(InstanceTopology topology, Component component) => new()
    {
        ApiVersion = V1Service.KubeApiVersion,
        Kind = V1Service.KubeKind,
        Metadata = ObjectMeta.ForComponent(topology, component.Name, component),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = ObjectLabels.Selector(topology, PodGroup.PodOwner(topology, component).Name),
            Ports = component.Ports
                .Select(p => new V1ServicePort { Name = p.Name, Port = p.Number, TargetPort = p.Number, Protocol = "TCP" })
                .ToList(),
            // CouchDB's clients check it themselves (HAProxy per node, peers over Erlang distribution). Were a busy
            // node's failed readiness probe to drop it from its Service, the cluster would lose the node and split.
            PublishNotReadyAddresses = component.Role is ComponentRole.CouchDb or ComponentRole.Nouveau ? true : null,
        },
    };
}
