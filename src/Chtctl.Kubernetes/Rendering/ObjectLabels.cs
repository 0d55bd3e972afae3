using Chtctl.Core.Topology;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// Labels every object carries: Kubernetes' recommended <c>app.kubernetes.io/*</c> set plus Medic's
/// <c>cht.service</c>, which their troubleshooting commands select on
/// (<c>kubectl delete po 'cht.service in (api, sentinel, haproxy, couchdb)'</c>).
/// </summary>
internal static class ObjectLabels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Instance = "app.kubernetes.io/instance";
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string Component = "app.kubernetes.io/component";
    public const string Version = "app.kubernetes.io/version";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ChtService = "cht.service";

    /// <summary>The node label Kubernetes sets to each machine's host name; pinning selects on it.</summary>
    public const string MachineHostname = "kubernetes.io/hostname";

    public const string PartOfValue = "cht";
    public const string ManagedByValue = "chtctl";

    /// <summary>All labels of an object, including the CHT version it was rendered for.</summary>
    public static SortedDictionary<string, string> Of(InstanceTopology topology, string name, string component)
    {
        var labels = Stable(topology, name, component);
        labels[Version] = topology.Release.Version.ToString();
        return labels;
    }

    /// <summary>
    /// Labels without the version, for pod templates: a CHT upgrade then restarts only the pods whose
    /// image changes, not HAProxy or the health agent whose labels would otherwise change with it.
    /// </summary>
    public static SortedDictionary<string, string> Stable(InstanceTopology topology, string name, string component) =>
        new(StringComparer.Ordinal)
        {
            [Name] = name,
            [Instance] = topology.Name,
            [PartOf] = PartOfValue,
            [Component] = component,
            [ManagedBy] = ManagedByValue,
            [ChtService] = name,
        };

    /// <summary>
    /// What selects one component's pods. Only labels that never change for the life of the instance:
    /// a Deployment's selector cannot be changed after creation.
    /// </summary>
    public static SortedDictionary<string, string> Selector(InstanceTopology topology, string name) =>
        new(StringComparer.Ordinal) { [Name] = name, [Instance] = topology.Name };

    /// <summary>What selects the pods of every component with one role (all CouchDB nodes).</summary>
    public static SortedDictionary<string, string> RoleSelector(InstanceTopology topology, ComponentRole role) =>
        new(StringComparer.Ordinal) { [Component] = ComponentOf(role), [Instance] = topology.Name };

    public static string ComponentOf(ComponentRole role) => role switch
    {
        ComponentRole.CouchDb => "couchdb",
        ComponentRole.Nouveau => "nouveau",
        ComponentRole.HealthAgent => "healthcheck",
        ComponentRole.Haproxy => "haproxy",
        ComponentRole.Api => "api",
        ComponentRole.Sentinel => "sentinel",
        ComponentRole.UpgradeService => "upgrade-service",
        ComponentRole.Edge => "edge",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown component role"),
    };
}
