using System.Net;
using System.Text.Json.Nodes;

namespace Chtctl.Kubernetes.Driver;

/// <summary>What the instance needs from the cluster, checked before anything changes.</summary>
public sealed record PreflightRequirements(IReadOnlyList<string> StorageClasses, IReadOnlyList<string> PinnedNodes);

/// <summary>
/// Finds what would make an apply fail half way, before it starts: the cluster unreachable, a verb chtctl is
/// not allowed (SelfSubjectAccessReview), a missing StorageClass or node, a namespace or object owned by
/// something else. Returns every problem at once.
/// </summary>
public sealed class Preflight(KubeApi api, InstanceRef instance)
{
    private static readonly string[] Verbs = ["get", "list", "create", "patch", "delete"];

    public async Task<IReadOnlyList<string>> CheckAsync(IReadOnlyList<DesiredObject> desired, PreflightRequirements requirements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(requirements);
        try
        {
            if (await api.GetPathAsync("/version", cancellationToken).ConfigureAwait(false) is null)
                return [$"{api.Server} answers, but not as a Kubernetes API server (no /version)"];
        }
        catch (ClusterUnreachableException e)
        {
            return [e.Message + "; check the kubeconfig context and that the cluster is running"];
        }
        catch (KubeApiException e) when (e.Code is HttpStatusCode.Unauthorized)
        {
            return [$"the Kubernetes API server at {api.Server} refused the kubeconfig's credentials (401): log in again or fix the user in the kubeconfig"];
        }

        var problems = new List<string>();
        foreach (var kind in desired.Select(d => d.Kind).Append(ResourceKind.Event).Distinct())
        {
            // Events are only read for diagnoses; the namespace is never listed or deleted by up.
            var verbs = kind == ResourceKind.Event ? ["list"] : kind == ResourceKind.Namespace ? ["get", "create", "patch"] : Verbs;
            foreach (var verb in verbs)
            {
                if (!await AllowedAsync(kind, verb, cancellationToken).ConfigureAwait(false))
                    problems.Add($"not allowed to {verb} {kind.Plural}{(kind.Namespaced ? $" in namespace {instance.Namespace}" : " (cluster-wide)")}: ask a cluster administrator for a Role granting it");
            }
        }
        // The CouchDB wait asks through the service proxy: GET is "get" on services/proxy, the login POST is "create".
        if (desired.Any(d => d.Kind == ResourceKind.Service))
        {
            foreach (var verb in new[] { "get", "create" })
            {
                if (!await AllowedAsync(ResourceKind.Service, verb, cancellationToken, "proxy").ConfigureAwait(false))
                    problems.Add($"not allowed to {verb} services/proxy in namespace {instance.Namespace} (chtctl asks CouchDB through the API server's service proxy): ask a cluster administrator for a Role granting it");
            }
        }
        if (problems.Count > 0)
            return problems;

        foreach (var storageClass in requirements.StorageClasses.Distinct(StringComparer.Ordinal))
        {
            if (await api.GetAsync(ResourceKind.StorageClass, null, storageClass, cancellationToken).ConfigureAwait(false) is null)
                problems.Add($"StorageClass '{storageClass}' does not exist in the cluster: set kubernetes.storage.class to one that does");
        }
        if (requirements.PinnedNodes.Count > 0)
        {
            var nodes = await api.ListAsync(ResourceKind.Node, null, null, cancellationToken).ConfigureAwait(false);
            var hostnames = nodes.Select(n => n["metadata"]?["labels"]?["kubernetes.io/hostname"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var missing in requirements.PinnedNodes.Where(n => !hostnames.Contains(n)))
                problems.Add($"node '{missing}' (kubernetes.pinning) is not in the cluster: nodes are {(hostnames.Count == 0 ? "none" : string.Join(", ", hostnames.Order(StringComparer.Ordinal)))}");
        }
        foreach (var item in desired)
        {
            var live = await api.GetAsync(item.Kind, item.Namespace, item.Name, cancellationToken).ConfigureAwait(false);
            try
            {
                Applier.EnsureOwnedOrAbsent(item, live, instance);
            }
            catch (ForeignObjectException e)
            {
                problems.Add(e.Message);
                if (item.Kind == ResourceKind.Namespace)
                    break;
            }
        }
        return problems;
    }

    private async Task<bool> AllowedAsync(ResourceKind kind, string verb, CancellationToken cancellationToken, string? subresource = null)
    {
        var attributes = new JsonObject { ["verb"] = verb, ["group"] = kind.Group, ["resource"] = kind.Plural };
        if (subresource is not null)
            attributes["subresource"] = subresource;
        if (kind.Namespaced)
            attributes["namespace"] = instance.Namespace;
        var review = new JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectAccessReview",
            ["spec"] = new JsonObject { ["resourceAttributes"] = attributes },
        };
        var answer = await api.PostAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review, cancellationToken).ConfigureAwait(false);
        return answer["status"]?["allowed"]?.GetValue<bool>() == true;
    }
}
