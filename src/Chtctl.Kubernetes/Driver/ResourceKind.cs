namespace Chtctl.Kubernetes.Driver;

/// <summary>
/// Where the API server keeps one kind of object. chtctl only touches the kinds its renderer produces, so a
/// fixed table replaces discovery: fewer round trips and no dependency on aggregated APIs being healthy.
/// </summary>
public sealed record ResourceKind(string Kind, string Group, string Version, string Plural, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    private string Prefix => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary>The collection path; for namespaced kinds in <paramref name="ns"/>, or across all namespaces when null.</summary>
    public string CollectionPath(string? ns) =>
        Namespaced && ns is not null ? $"{Prefix}/namespaces/{ns}/{Plural}" : $"{Prefix}/{Plural}";

    public string ObjectPath(string? ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";

    public static ResourceKind Namespace { get; } = new("Namespace", "", "v1", "namespaces", false);
    public static ResourceKind Secret { get; } = new("Secret", "", "v1", "secrets", true);
    public static ResourceKind ConfigMap { get; } = new("ConfigMap", "", "v1", "configmaps", true);
    public static ResourceKind ServiceAccount { get; } = new("ServiceAccount", "", "v1", "serviceaccounts", true);
    public static ResourceKind Service { get; } = new("Service", "", "v1", "services", true);
    public static ResourceKind PersistentVolumeClaim { get; } = new("PersistentVolumeClaim", "", "v1", "persistentvolumeclaims", true);
    public static ResourceKind PersistentVolume { get; } = new("PersistentVolume", "", "v1", "persistentvolumes", false);
    public static ResourceKind Pod { get; } = new("Pod", "", "v1", "pods", true);
    public static ResourceKind Event { get; } = new("Event", "", "v1", "events", true);
    public static ResourceKind Node { get; } = new("Node", "", "v1", "nodes", false);
    public static ResourceKind Role { get; } = new("Role", "rbac.authorization.k8s.io", "v1", "roles", true);
    public static ResourceKind RoleBinding { get; } = new("RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings", true);
    public static ResourceKind NetworkPolicy { get; } = new("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", true);
    public static ResourceKind Ingress { get; } = new("Ingress", "networking.k8s.io", "v1", "ingresses", true);
    public static ResourceKind PodDisruptionBudget { get; } = new("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets", true);
    public static ResourceKind Deployment { get; } = new("Deployment", "apps", "v1", "deployments", true);
    public static ResourceKind StorageClass { get; } = new("StorageClass", "storage.k8s.io", "v1", "storageclasses", false);

    /// <summary>Every kind chtctl applies, in the order prune looks for leftovers (workloads before what they use).</summary>
    public static IReadOnlyList<ResourceKind> Applied { get; } =
    [
        Ingress, Deployment, Service, PodDisruptionBudget, NetworkPolicy, ConfigMap, Secret,
        RoleBinding, Role, ServiceAccount, PersistentVolumeClaim, PersistentVolume,
    ];

    public static ResourceKind ForKind(string kind) =>
        Applied.Concat([Namespace]).FirstOrDefault(k => k.Kind == kind)
        ?? throw new ArgumentException($"chtctl does not apply objects of kind {kind}", nameof(kind));

    /// <summary>PersistentVolumeClaims and PersistentVolumes hold CouchDB's data: never deleted without explicit consent.</summary>
    public bool HoldsData => this == PersistentVolumeClaim || this == PersistentVolume;
}
