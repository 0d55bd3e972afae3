using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>Metadata of the objects an instance is made of: name, namespace and the standard labels.</summary>
internal static class ObjectMeta
{
    public static V1ObjectMeta Namespaced(InstanceTopology topology, string name, string labelName, string component,
        IReadOnlyDictionary<string, string>? annotations = null) =>
        new()
        {
            Name = name,
            NamespaceProperty = topology.Namespace,
            Labels = ObjectLabels.Of(topology, labelName, component),
            Annotations = Sorted(annotations),
        };

    public static V1ObjectMeta ClusterScoped(InstanceTopology topology, string name, string labelName, string component) =>
        new() { Name = name, Labels = ObjectLabels.Of(topology, labelName, component) };

    /// <summary>Metadata of a component's own objects (its Deployment, Service, policy).</summary>
    public static V1ObjectMeta ForComponent(InstanceTopology topology, string name, Component component,
        IReadOnlyDictionary<string, string>? annotations = null) =>
        Namespaced(topology, name, component.Name, ObjectLabels.ComponentOf(component.Role), annotations);

    /// <summary>Null for none, so the YAML has no empty <c>annotations: {}</c>.</summary>
    private static SortedDictionary<string, string>? Sorted(IReadOnlyDictionary<string, string>? values) =>
        values is null || values.Count == 0 ? null : new SortedDictionary<string, string>(values.ToDictionary(), StringComparer.Ordinal);
}
