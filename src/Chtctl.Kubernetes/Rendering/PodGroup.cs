using Chtctl.Core.Topology;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// The components that share one pod: a main component and those that run beside it
/// (<see cref="Component.PodOf"/>, e.g. nouveau next to its CouchDB node, sharing its volume).
/// </summary>
internal sealed record PodGroup(Component Main, IReadOnlyList<Component> Sidecars)
{
    public IEnumerable<Component> Containers => Sidecars.Prepend(Main);

    /// <summary>
    /// Every pod of the instance in start order: by wave, and within a wave after the components it must
    /// follow (<see cref="Component.After"/>: the health agent before HAProxy), then in the topology's order.
    /// </summary>
    public static IReadOnlyList<PodGroup> Of(InstanceTopology topology) =>
        topology.Components.Where(c => c.PodOf is null)
            .OrderBy(c => c.Wave)
            .ThenBy(c => Depth(topology, c))
            .Select(main => new PodGroup(main, topology.Components
                .Where(c => c.PodOf == main.Name).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray()))
            .ToArray();

    /// <summary>How many components of its own wave stand before a component in its <see cref="Component.After"/> chain.</summary>
    private static int Depth(InstanceTopology topology, Component component) =>
        component.After.Select(name => topology[name]).Where(c => c.Wave == component.Wave)
            .Select(c => Depth(topology, c) + 1).DefaultIfEmpty(0).Max();

    /// <summary>The main component of the pod a component runs in (itself unless it is a sidecar).</summary>
    public static Component PodOwner(InstanceTopology topology, Component component) =>
        component.PodOf is { } owner ? topology[owner] : component;
}
