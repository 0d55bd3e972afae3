using System.Text.Json.Nodes;
using Chtctl.Core.Reporting;

namespace Chtctl.Kubernetes.Driver;

/// <summary>One component's state: a Deployment, its pods' readiness and restarts, and what it runs.</summary>
public sealed record ComponentStatus(string Name, int Ready, int Desired, IReadOnlyList<string> Images, string? Version, int Restarts, bool Healthy, string? Problem);

/// <summary>An instance found in the cluster by its labels.</summary>
public sealed record InstanceSummary(string Name, string Namespace, string? ChtVersion);

/// <summary>Read-only views of instances: per-component status and the instances a cluster holds.</summary>
public static class InstanceStatus
{
    public static async Task<IReadOnlyList<ComponentStatus>> OfAsync(KubeApi api, InstanceRef instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(instance);
        var deployments = await api.ListAsync(ResourceKind.Deployment, instance.Namespace, instance.OwnedSelector, cancellationToken).ConfigureAwait(false);
        var pods = await api.ListAsync(ResourceKind.Pod, instance.Namespace, $"{InstanceRef.InstanceLabel}={instance.Name}", cancellationToken).ConfigureAwait(false);
        var result = new List<ComponentStatus>();
        foreach (var deployment in deployments.OrderBy(Name, StringComparer.Ordinal))
        {
            var state = DeploymentState.Of(deployment);
            var ready = (int)(deployment["status"]?["readyReplicas"]?.GetValue<long>() ?? 0);
            var images = deployment["spec"]?["template"]?["spec"]?["containers"]?.AsArray().OfType<JsonObject>()
                .Select(c => c["image"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
            var selector = deployment["spec"]?["selector"]?["matchLabels"]?.AsObject();
            var restarts = pods.Where(p => Matches(p, selector))
                .SelectMany(p => p["status"]?["containerStatuses"]?.AsArray().OfType<JsonObject>() ?? [])
                .Sum(c => (int)(c["restartCount"]?.GetValue<long>() ?? 0));
            result.Add(new ComponentStatus(Name(deployment), ready, state.Desired, images,
                deployment["metadata"]?["labels"]?[InstanceRef.VersionLabel]?.GetValue<string>(), restarts,
                state.IsReady && state.FailedReason is null, state.FailedReason ?? (state.IsReady ? null : state.Progress)));
        }
        return result;
    }

    /// <summary>Instances across all namespaces, found by the labels chtctl puts on each instance's namespace.</summary>
    public static async Task<IReadOnlyList<InstanceSummary>> ListAsync(KubeApi api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var namespaces = await api.ListAsync(ResourceKind.Namespace, null, $"{InstanceRef.ManagedByLabel}={InstanceRef.ManagedByValue}", cancellationToken).ConfigureAwait(false);
        return [.. namespaces
            .Where(n => n["metadata"]?["labels"]?[InstanceRef.InstanceLabel] is not null)
            .Select(n => new InstanceSummary(
                n["metadata"]!["labels"]![InstanceRef.InstanceLabel]!.GetValue<string>(),
                Name(n),
                n["metadata"]?["labels"]?[InstanceRef.VersionLabel]?.GetValue<string>()))
            .OrderBy(i => i.Namespace, StringComparer.Ordinal)];
    }

    private static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    private static bool Matches(JsonObject pod, JsonObject? selector) =>
        selector is not null && selector.All(pair => pod["metadata"]?["labels"]?[pair.Key]?.GetValue<string>() == pair.Value?.GetValue<string>());
}

/// <summary>
/// Removes an instance. By default its data stays: the PersistentVolumeClaims and PersistentVolumes, the
/// credentials Secret that opens the data, the history and the namespace, so <c>up</c> brings it back whole.
/// </summary>
public static class Destroyer
{
    /// <summary>Deletes the instance's objects and returns what was deleted and what was kept, by <c>Kind/name</c>.</summary>
    public static async Task<(IReadOnlyList<string> Deleted, IReadOnlyList<string> Kept)> DestroyAsync(KubeApi api, InstanceRef instance, bool deleteData, IDriverReporter reporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(reporter);
        var owned = await OwnedObjects.ListAsync(api, instance, cancellationToken).ConfigureAwait(false);
        List<string> deleted = [], kept = [];
        foreach (var item in owned)
        {
            var keeps = !deleteData && (item.Kind.HoldsData || (item.Kind == ResourceKind.Secret && item.Name == InstanceRef.CredentialsSecret));
            if (keeps)
            {
                kept.Add(item.Display);
                reporter.Step($"  kept {item.Display}");
                continue;
            }
            if (await api.DeleteAsync(item.Kind, item.Namespace, item.Name, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(item.Display);
                reporter.Step($"  deleted {item.Display}");
            }
        }
        if (deleteData)
        {
            var ns = await api.GetAsync(ResourceKind.Namespace, null, instance.Namespace, cancellationToken).ConfigureAwait(false);
            var foreign = ns is null ? [] : await ForeignObjectsAsync(api, instance, cancellationToken).ConfigureAwait(false);
            if (foreign.Count > 0)
            {
                kept.Add($"Namespace/{instance.Namespace}");
                reporter.Step($"  kept Namespace/{instance.Namespace}: it also holds objects chtctl does not own ({string.Join(", ", foreign.Take(5))}{(foreign.Count > 5 ? ", ..." : "")})");
            }
            else if (ns is not null && instance.Owns(ns) && await api.DeleteAsync(ResourceKind.Namespace, null, instance.Namespace, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add($"Namespace/{instance.Namespace}");
                reporter.Step($"  deleted Namespace/{instance.Namespace} with the instance's history");
            }
        }
        return (deleted, kept);
    }

    /// <summary>
    /// Objects left in the namespace that are not this instance's. Deleting a namespace deletes everything in
    /// it, so chtctl deletes it only when nothing of anyone else's is there (an administrator may have created
    /// the namespace and put other workloads in it). What Kubernetes puts in every namespace does not count.
    /// </summary>
    private static async Task<List<string>> ForeignObjectsAsync(KubeApi api, InstanceRef instance, CancellationToken cancellationToken)
    {
        var foreign = new List<string>();
        foreach (var kind in ResourceKind.Applied.Where(k => k.Namespaced).Append(ResourceKind.Pod))
        {
            foreach (var item in await api.ListAsync(kind, instance.Namespace, null, cancellationToken).ConfigureAwait(false))
            {
                var name = item["metadata"]?["name"]?.GetValue<string>() ?? "?";
                var automatic = (kind == ResourceKind.ConfigMap && name == "kube-root-ca.crt")
                    || (kind == ResourceKind.ServiceAccount && name == "default")
                    || (kind == ResourceKind.Secret && item["type"]?.GetValue<string>() == "kubernetes.io/service-account-token");
                if (!automatic && !instance.Owns(item))
                    foreign.Add($"{kind.Kind}/{name}");
            }
        }

        return foreign;
    }
}
