using System.Text.Json.Nodes;
using Chtctl.Core.Reporting;

namespace Chtctl.Kubernetes.Driver;

/// <summary>An object in the cluster that carries this instance's chtctl labels.</summary>
public sealed record LiveObject(ResourceKind Kind, string? Namespace, string Name, JsonObject Body)
{
    public string Key => DesiredObject.ObjectKey(Kind, Namespace, Name);

    public string Display => $"{Kind.Kind}/{Name}";
}

/// <summary>
/// Finds the objects chtctl created for an instance, by its labels only: an object without them is never
/// considered, whatever its name, so chtctl cannot delete what it does not own.
/// </summary>
public static class OwnedObjects
{
    public static async Task<IReadOnlyList<LiveObject>> ListAsync(KubeApi api, InstanceRef instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(instance);
        var found = new List<LiveObject>();
        foreach (var kind in ResourceKind.Applied)
        {
            var items = await api.ListAsync(kind, kind.Namespaced ? instance.Namespace : null, instance.OwnedSelector, cancellationToken).ConfigureAwait(false);
            found.AddRange(items
                .Where(instance.Owns)
                .Where(o => o["metadata"]?["labels"]?[InstanceRef.RecordLabel] is null)
                .Select(o => new LiveObject(kind, kind.Namespaced ? instance.Namespace : null, o["metadata"]!["name"]!.GetValue<string>(), o)));
        }
        return found;
    }

    /// <summary>Owned objects that left the desired set; the credentials Secret never counts (losing it locks out the data).</summary>
    public static IReadOnlyList<LiveObject> Leftovers(IReadOnlyList<LiveObject> owned, IReadOnlyList<DesiredObject> desired)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentNullException.ThrowIfNull(desired);
        var wanted = desired.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        return [.. owned.Where(o => !wanted.Contains(o.Key))
            .Where(o => !(o.Kind == ResourceKind.Secret && o.Name == InstanceRef.CredentialsSecret))];
    }
}

/// <summary>Deletes owned leftovers; storage only when the operator asked for data to go.</summary>
public static class Pruner
{
    public static async Task<int> PruneAsync(KubeApi api, IReadOnlyList<LiveObject> leftovers, bool deleteData, IDriverReporter reporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(leftovers);
        ArgumentNullException.ThrowIfNull(reporter);
        var deleted = 0;
        foreach (var leftover in leftovers)
        {
            if (leftover.Kind.HoldsData && !deleteData)
            {
                reporter.Warn($"{leftover.Display} is no longer part of the instance but holds data: kept (delete it with --delete-data)");
                continue;
            }
            if (await api.DeleteAsync(leftover.Kind, leftover.Namespace, leftover.Name, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
                reporter.Step($"  deleted {leftover.Display} (no longer part of the instance)");
            }
        }
        return deleted;
    }
}
