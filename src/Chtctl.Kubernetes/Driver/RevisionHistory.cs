using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Chtctl.Core.Driving;

namespace Chtctl.Kubernetes.Driver;

/// <summary>One recorded apply: its history entry and the objects it applied (without the credentials).</summary>
public sealed record Revision(HistoryEntry Entry, IReadOnlyList<JsonObject> Objects)
{
    public int Number => Entry.Number;
}

/// <summary>
/// Revisions kept as Secrets in the instance's namespace (Secrets because the rendered objects include
/// configuration operators may consider sensitive; the credentials Secret itself is never copied in).
/// </summary>
public sealed class RevisionHistory(KubeApi api, InstanceRef instance, int keep = RevisionHistory.DefaultKeep)
{
    public const int DefaultKeep = 10;
    private const string RecordValue = "revision";
    private const string Prefix = "chtctl.io/";

    public async Task<IReadOnlyList<Revision>> ListAsync(CancellationToken cancellationToken)
    {
        var items = await api.ListAsync(ResourceKind.Secret, instance.Namespace,
            $"{instance.OwnedSelector},{InstanceRef.RecordLabel}={RecordValue}", cancellationToken).ConfigureAwait(false);
        return [.. items.Select(Parse).OrderBy(r => r.Number)];
    }

    /// <summary>Records <paramref name="entry"/> (numbered here) with the objects applied; keeps the newest <c>keep</c>.</summary>
    public async Task<Revision> RecordAsync(HistoryEntry entry, IReadOnlyList<DesiredObject> objects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(objects);
        var existing = await ListAsync(cancellationToken).ConfigureAwait(false);
        var number = existing.Count == 0 ? 1 : existing[^1].Number + 1;
        var kept = objects.Where(o => !(o.Kind == ResourceKind.Secret && o.Name == InstanceRef.CredentialsSecret)).Select(o => o.Body).ToList();
        var json = new JsonArray([.. kept.Select(o => o.DeepClone())]).ToJsonString();
        var revision = new Revision(entry with { Number = number }, kept);
        await api.ApplyAsync(DesiredObject.WithDataNotStringData(ToSecret(revision, json)), dryRun: false, force: true, cancellationToken).ConfigureAwait(false);
        foreach (var old in existing.SkipLast(Math.Max(0, keep - 1)))
            await api.DeleteAsync(ResourceKind.Secret, instance.Namespace, SecretName(old.Number), cancellationToken).ConfigureAwait(false);
        return revision;
    }

    private string SecretName(int number) => $"chtctl-{instance.Name}-revision-{number}";

    private JsonObject ToSecret(Revision revision, string objectsJson) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject
        {
            ["name"] = SecretName(revision.Number),
            ["namespace"] = instance.Namespace,
            ["labels"] = new JsonObject
            {
                [InstanceRef.ManagedByLabel] = InstanceRef.ManagedByValue,
                [InstanceRef.InstanceLabel] = instance.Name,
                [InstanceRef.RecordLabel] = RecordValue,
            },
            ["annotations"] = new JsonObject
            {
                [Prefix + "revision"] = revision.Number.ToString(CultureInfo.InvariantCulture),
                [Prefix + "verb"] = revision.Entry.Verb,
                [Prefix + "cht-version"] = revision.Entry.ChtVersion,
                [Prefix + "spec-hash"] = revision.Entry.SpecHash,
                [Prefix + "time"] = revision.Entry.Time.ToString("O", CultureInfo.InvariantCulture),
                [Prefix + "chtctl-version"] = revision.Entry.ChtctlVersion,
                [Prefix + "result"] = revision.Entry.Result,
                [Prefix + "message"] = revision.Entry.Message ?? "",
            },
        },
        ["type"] = "chtctl.io/revision",
        ["stringData"] = new JsonObject { ["objects.json"] = objectsJson },
    };

    private static Revision Parse(JsonObject secret)
    {
        var annotations = secret["metadata"]?["annotations"];
        string Annotation(string name) => annotations?[Prefix + name]?.GetValue<string>() ?? "";
        var encoded = secret["data"]?["objects.json"]?.GetValue<string>();
        var objects = encoded is null ? [] : JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)))!.AsArray().OfType<JsonObject>().ToList();
        // Revisions recorded before the verb and message annotations existed were all 'up', their failure reason in the result.
        var result = Annotation("result");
        var message = Annotation("message");
        if (result.StartsWith(HistoryEntry.Failed + ": ", StringComparison.Ordinal))
            (result, message) = (HistoryEntry.Failed, result[(HistoryEntry.Failed.Length + 2)..]);
        var entry = new HistoryEntry(
            int.Parse(Annotation("revision"), CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(Annotation("time"), CultureInfo.InvariantCulture),
            Annotation("verb") is { Length: > 0 } verb ? verb : HistoryVerbs.Up,
            Annotation("cht-version"),
            Annotation("spec-hash"),
            result,
            Annotation("chtctl-version"),
            message.Length == 0 ? null : message);
        return new Revision(entry, objects);
    }
}
