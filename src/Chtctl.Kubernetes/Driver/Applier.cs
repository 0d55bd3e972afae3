using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Chtctl.Kubernetes.Driver;

public enum ApplyChange
{
    Created,
    Changed,
    Unchanged,
}

/// <summary>Server-side apply of one object, with chtctl's ownership rule and conflicts turned into explanations.</summary>
public sealed partial class Applier(KubeApi api, InstanceRef instance)
{
    public async Task<(ApplyChange Change, JsonObject Result)> ApplyAsync(DesiredObject desired, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var live = await api.GetAsync(desired.Kind, desired.Namespace, desired.Name, cancellationToken).ConfigureAwait(false);
        EnsureOwnedOrAbsent(desired, live, instance);
        try
        {
            var result = await api.ApplyAsync(desired.Body, dryRun: false, force, cancellationToken).ConfigureAwait(false);
            // The API server keeps resourceVersion when an apply changes nothing, so it tells a real change from a no-op.
            var change = live is null ? ApplyChange.Created
                : ResourceVersion(live) == ResourceVersion(result) ? ApplyChange.Unchanged
                : ApplyChange.Changed;
            return (change, result);
        }
        catch (KubeApiException e) when (e.Code == HttpStatusCode.Conflict)
        {
            throw Conflict(desired, e);
        }
    }

    /// <summary>
    /// chtctl changes only objects it created for this instance. The namespace may pre-exist without labels
    /// (administrators often create it), but not carry another owner's labels.
    /// </summary>
    public static void EnsureOwnedOrAbsent(DesiredObject desired, JsonObject? live, InstanceRef instance)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(instance);
        if (live is null || instance.Owns(live))
            return;
        var labels = live["metadata"]?["labels"];
        var owner = labels?[InstanceRef.ManagedByLabel]?.GetValue<string>();
        var otherInstance = labels?[InstanceRef.InstanceLabel]?.GetValue<string>();
        if (desired.Kind == ResourceKind.Namespace && owner is null && otherInstance is null)
            return;
        var who = owner is null ? "it has no app.kubernetes.io/managed-by=chtctl label"
            : $"it is managed by '{owner}'" + (otherInstance is null ? "" : $" for instance '{otherInstance}'");
        throw new ForeignObjectException(
            $"{desired.Display}{(desired.Namespace is null ? "" : $" in namespace {desired.Namespace}")} already exists and is not this instance's ({who}); "
            + "chtctl never adopts objects it did not create: remove or rename it, or choose another namespace");
    }

    public static ApplyConflictException Conflict(DesiredObject desired, KubeApiException e)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(e);
        var causes = e.Status?["details"]?["causes"]?.AsArray() ?? [];
        var conflicts = causes.OfType<JsonObject>()
            .Select(c => new FieldConflict(
                c["field"]?.GetValue<string>() ?? "?",
                ManagerPattern().Match(c["message"]?.GetValue<string>() ?? "") is { Success: true } m ? m.Groups[1].Value : "unknown"))
            .ToList();
        return new ApplyConflictException(desired.Display, conflicts, e.ServerMessage);
    }

    public static string? ResourceVersion(JsonObject o) => o["metadata"]?["resourceVersion"]?.GetValue<string>();

    [GeneratedRegex("conflict with \"([^\"]+)\"")]
    private static partial Regex ManagerPattern();
}
