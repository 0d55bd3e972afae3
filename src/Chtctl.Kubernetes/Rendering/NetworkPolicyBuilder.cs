using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// One NetworkPolicy per pod, admitting only the components the topology lists as its clients
/// (<see cref="Component.AllowedClients"/>) on its own ports. CouchDB and the upgrade service are thereby
/// reachable only from inside the instance; a pod with no clients (sentinel) admits nothing.
/// </summary>
internal static class NetworkPolicyBuilder
{
    public static V1NetworkPolicy Build(InstanceTopology topology, PodGroup pod) => new()
    {
        ApiVersion = TypeMeta.ApiVersion(V1NetworkPolicy.KubeGroup, V1NetworkPolicy.KubeApiVersion),
        Kind = V1NetworkPolicy.KubeKind,
        Metadata = ObjectMeta.ForComponent(topology, ObjectNames.NetworkPolicy(pod.Main), pod.Main),
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = ObjectLabels.Selector(topology, pod.Main.Name) },
            // Ingress only: listing it with no rules denies every incoming connection the rules below do not admit.
            PolicyTypes = ["Ingress"],
            Ingress = Rules(topology, pod) is { Count: > 0 } rules ? rules : null,
        },
    };

    private static List<V1NetworkPolicyIngressRule> Rules(InstanceTopology topology, PodGroup pod) =>
        pod.Containers.Where(c => c.Ports.Count > 0 && c.AllowedClients.Count > 0)
            .Select(c => Rule(topology, pod, c))
            .ToList();

    private static V1NetworkPolicyIngressRule Rule(InstanceTopology topology, PodGroup pod, Component component)
    {
        var ports = component.Ports.Select(p => new V1NetworkPolicyPort { Port = p.Number, Protocol = "TCP" }).ToList();
        // The public edge is not a pod one can select: ALB (target-type ip) and GCE NEGs send from load balancer
        // addresses straight to the pod, and host-network ingress controllers from the node. So outside clients
        // are admitted from anywhere, on this component's ports only.
        if (component.AllowedClients.Contains(Clients.PublicEdge))
            return new V1NetworkPolicyIngressRule { Ports = ports };

        // The pod itself too: a component reaching itself by its Service name (CouchDB checks its own membership
        // at SVC_NAME) goes out through the Service and comes back in as traffic from its own pod.
        var peers = component.AllowedClients
            .Select(name => PodGroup.PodOwner(topology, topology[name]).Name)
            .Append(pod.Main.Name)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Select(name => new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = ObjectLabels.Selector(topology, name) } })
            .ToList();
        return new V1NetworkPolicyIngressRule { FromProperty = peers, Ports = ports };
    }
}
