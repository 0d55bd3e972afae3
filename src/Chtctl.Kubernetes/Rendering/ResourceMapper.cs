using Chtctl.Core.Spec;
using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// CPU and memory requests and limits from the instance file. Where the file gives no request, a modest
/// one per role is set anyway: a pod without requests is "BestEffort", packed onto nodes without regard
/// for its needs and the first to be evicted under memory pressure — the worst fate for CouchDB.
/// Limits are only ever the operator's: a wrong default limit would kill CouchDB mid-compaction.
/// </summary>
internal static class ResourceMapper
{
    private sealed record Requests(string Cpu, string Memory);

    /// <summary>Roughly what each component uses when idle on a small instance; enough to schedule honestly.</summary>
    private static Requests DefaultRequests(ComponentRole role) => role switch
    {
        ComponentRole.CouchDb => new("500m", "1Gi"),
        ComponentRole.Nouveau => new("100m", "512Mi"),
        ComponentRole.Api => new("250m", "512Mi"),
        ComponentRole.Sentinel => new("100m", "256Mi"),
        ComponentRole.Haproxy => new("50m", "64Mi"),
        ComponentRole.HealthAgent => new("10m", "64Mi"),
        ComponentRole.UpgradeService => new("10m", "128Mi"),
        _ => new("50m", "64Mi"),
    };

    public static V1ResourceRequirements Map(Component component)
    {
        var spec = component.Resources ?? new ResourceSpec();
        var fallback = DefaultRequests(component.Role);
        var requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new(spec.Cpu ?? AtMost(fallback.Cpu, spec.CpuLimit)),
            ["memory"] = new(spec.Memory ?? AtMost(fallback.Memory, spec.MemoryLimit)),
        };
        var limits = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        if (spec.CpuLimit is { } cpuLimit)
            limits["cpu"] = new ResourceQuantity(cpuLimit);
        if (spec.MemoryLimit is { } memoryLimit)
            limits["memory"] = new ResourceQuantity(memoryLimit);
        return new V1ResourceRequirements { Requests = requests, Limits = limits.Count == 0 ? null : limits };
    }

    /// <summary>A default request never exceeds the operator's limit: Kubernetes rejects a request above its limit.</summary>
    private static string AtMost(string request, string? limit) =>
        limit is not null && new ResourceQuantity(limit).ToDecimal() < new ResourceQuantity(request).ToDecimal() ? limit : request;
}
