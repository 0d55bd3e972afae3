using System.Net;
using System.Text.Json.Nodes;

namespace Chtctl.Kubernetes.Driver;

public enum ObjectAction
{
    Add,
    Change,
    Remove,
    Conflict,
}

/// <summary>One planned change; <see cref="Fields"/> names what changes (paths only, so a Secret's values never show).</summary>
public sealed record ObjectChange(ObjectAction Action, string Object, IReadOnlyList<string> Fields);

public sealed record ObjectPlan(IReadOnlyList<ObjectChange> Changes)
{
    public int Count(ObjectAction action) => Changes.Count(c => c.Action == action);

    public bool HasChanges => Changes.Count > 0;

    public string Summary => $"{Count(ObjectAction.Add)} to add, {Count(ObjectAction.Change)} to change, {Count(ObjectAction.Remove)} to remove"
        + (Count(ObjectAction.Conflict) > 0 ? $", {Count(ObjectAction.Conflict)} in conflict" : "");
}

/// <summary>
/// What <c>up</c> would change: each object is applied with <c>dryRun=All</c> (so the API server's defaulting,
/// validation and field ownership decide) and the result compared with the live object.
/// </summary>
public sealed class Planner(KubeApi api, InstanceRef instance)
{
    private static readonly string[] VolatileMetadata = ["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp"];

    public async Task<ObjectPlan> PlanAsync(IReadOnlyList<DesiredObject> desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var changes = new List<ObjectChange>();
        var namespaceExists = await api.GetAsync(ResourceKind.Namespace, null, instance.Namespace, cancellationToken).ConfigureAwait(false) is not null;
        foreach (var item in desired)
        {
            var live = namespaceExists || !item.Kind.Namespaced
                ? await api.GetAsync(item.Kind, item.Namespace, item.Name, cancellationToken).ConfigureAwait(false)
                : null;
            if (live is null)
            {
                changes.Add(new ObjectChange(ObjectAction.Add, item.Display, []));
                continue;
            }
            Applier.EnsureOwnedOrAbsent(item, live, instance);
            JsonObject after;
            try
            {
                after = await api.ApplyAsync(item.Body, dryRun: true, force: false, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.Code == HttpStatusCode.Conflict)
            {
                var conflict = Applier.Conflict(item, e);
                changes.Add(new ObjectChange(ObjectAction.Conflict, item.Display, [.. conflict.Conflicts.Select(c => $"{c.Field} (owned by \"{c.Manager}\")")]));
                continue;
            }
            var fields = JsonDiff.ChangedPaths(Comparable(live), Comparable(after));
            if (fields.Count > 0)
                changes.Add(new ObjectChange(ObjectAction.Change, item.Display, fields));
        }
        if (namespaceExists)
        {
            var owned = await OwnedObjects.ListAsync(api, instance, cancellationToken).ConfigureAwait(false);
            changes.AddRange(OwnedObjects.Leftovers(owned, desired)
                .Select(o => new ObjectChange(ObjectAction.Remove, o.Display, o.Kind.HoldsData ? ["kept: holds data (only deleted with --delete-data)"] : [])));
        }
        return new ObjectPlan(changes);
    }

    /// <summary>The object without what the server changes on every write and the status controllers own.</summary>
    public static JsonObject Comparable(JsonObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var copy = o.DeepClone().AsObject();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject meta)
        {
            foreach (var field in VolatileMetadata)
                meta.Remove(field);
        }
        return copy;
    }
}

/// <summary>Paths (<c>.spec.replicas</c>) where two JSON documents differ; lists are compared whole.</summary>
public static class JsonDiff
{
    public static IReadOnlyList<string> ChangedPaths(JsonNode? before, JsonNode? after)
    {
        var paths = new List<string>();
        Walk(before, after, "", paths);
        return paths;
    }

    private static void Walk(JsonNode? before, JsonNode? after, string path, List<string> paths)
    {
        if (before is JsonObject b && after is JsonObject a)
        {
            foreach (var key in b.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                Walk(b[key], a[key], $"{path}.{key}", paths);
            return;
        }
        if (!JsonNode.DeepEquals(before, after))
            paths.Add(path.Length == 0 ? "." : path);
    }
}
