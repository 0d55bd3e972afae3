namespace Chtctl.Testing.KubeApi;

/// <summary>A resource type the test server serves, as discovery describes it.</summary>
public sealed record ApiResource(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>What the real API server calls it in messages: <c>deployments.apps</c>, <c>secrets</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public static IReadOnlyList<ApiResource> All { get; } =
    [
        new("", "v1", "namespaces", "Namespace", false),
        new("", "v1", "nodes", "Node", false),
        new("", "v1", "persistentvolumes", "PersistentVolume", false),
        new("", "v1", "secrets", "Secret", true),
        new("", "v1", "configmaps", "ConfigMap", true),
        new("", "v1", "serviceaccounts", "ServiceAccount", true),
        new("", "v1", "services", "Service", true),
        new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true),
        new("", "v1", "pods", "Pod", true),
        new("", "v1", "events", "Event", true),
        new("apps", "v1", "deployments", "Deployment", true),
        new("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
        new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true),
        new("networking.k8s.io", "v1", "ingresses", "Ingress", true),
        new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true),
        new("storage.k8s.io", "v1", "storageclasses", "StorageClass", false),
    ];

    public static ApiResource? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    public static ApiResource ForKind(string kind) => All.Single(r => r.Kind == kind);
}
