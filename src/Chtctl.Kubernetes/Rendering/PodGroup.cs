using Chtctl.Core.Topology;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// The components that share one pod: a main component and those that run beside it
/// (<see cref="Component.PodOf"/>, e.g. nouveau next to its CouchDB node, sharing its volume).
/// </summary>
internal sealed record PodGroup(Component Main, IReadOnlyList<Component> Sidecars)
{
    public IEnumerable<Component> Containers => Sidecars.Prepend(Main);

    /// <summary>Every pod of the instance, in the topology's start order.</summary>
    public static IReadOnlyList<PodGroup> Of(InstanceTopology topology) =>
        topology.Components.Where(c => c.PodOf is null)
            .Select(main => new PodGroup(main, topology.Components
                .Where(c => c.PodOf == main.Name).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray()))
            .ToArray();

    /// <summary>The main component of the pod a component runs in (itself unless it is a sidecar).</summary>
    public static Component PodOwner(InstanceTopology topology, Component component) =>
        component.PodOf is { } owner ? topology[owner] : component;
}
