using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Chtctl.Kubernetes.Driver;

/// <summary>One recorded apply: what was applied, for which CHT version, when, by which chtctl, and how it ended.</summary>
public sealed record Revision(int Number, string ChtVersion, string SpecHash, DateTimeOffset Time, string ChtctlVersion, string Result, IReadOnlyList<JsonObject> Objects)
{
    public bool Succeeded => Result == RevisionHistory.Succeeded;
}

/// <summary>
/// Revisions kept as Secrets in the instance's namespace (Secrets because the rendered objects include
/// configuration operators may consider sensitive; the credentials Secret itself is never copied in).
/// </summary>
public sealed class RevisionHistory(KubeApi api, InstanceRef instance, int keep = RevisionHistory.DefaultKeep)
{
    public const int DefaultKeep = 10;
    public const string Succeeded = "succeeded";
    private const string RecordValue = "revision";
    private const string Prefix = "chtctl.io/";

    public async Task<IReadOnlyList<Revision>> ListAsync(CancellationToken cancellationToken)
    {
        var items = await api.ListAsync(ResourceKind.Secret, instance.Namespace,
            $"{instance.OwnedSelector},{InstanceRef.RecordLabel}={RecordValue}", cancellationToken).ConfigureAwait(false);
        return [.. items.Select(Parse).OrderBy(r => r.Number)];
    }

    public async Task<Revision> RecordAsync(string chtVersion, IReadOnlyList<DesiredObject> objects, DateTimeOffset time, string chtctlVersion, string result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var existing = await ListAsync(cancellationToken).ConfigureAwait(false);
        var number = existing.Count == 0 ? 1 : existing[^1].Number + 1;
        var kept = objects.Where(o => !(o.Kind == ResourceKind.Secret && o.Name == InstanceRef.CredentialsSecret)).Select(o => o.Body).ToList();
        var json = new JsonArray([.. kept.Select(o => o.DeepClone())]).ToJsonString();
        var revision = new Revision(number, chtVersion, Hash(json), time, chtctlVersion, result, kept);
        await api.ApplyAsync(DesiredObject.WithDataNotStringData(ToSecret(revision, json)), dryRun: false, force: true, cancellationToken).ConfigureAwait(false);
        foreach (var old in existing.SkipLast(Math.Max(0, keep - 1)))
            await api.DeleteAsync(ResourceKind.Secret, instance.Namespace, SecretName(old.Number), cancellationToken).ConfigureAwait(false);
        return revision;
    }

    public static string Hash(string renderedObjects) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(renderedObjects)))[..16];

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
                [Prefix + "cht-version"] = revision.ChtVersion,
                [Prefix + "spec-hash"] = revision.SpecHash,
                [Prefix + "time"] = revision.Time.ToString("O", CultureInfo.InvariantCulture),
                [Prefix + "chtctl-version"] = revision.ChtctlVersion,
                [Prefix + "result"] = revision.Result,
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
        return new Revision(
            int.Parse(Annotation("revision"), CultureInfo.InvariantCulture),
            Annotation("cht-version"),
            Annotation("spec-hash"),
            DateTimeOffset.Parse(Annotation("time"), CultureInfo.InvariantCulture),
            Annotation("chtctl-version"),
            Annotation("result"),
            objects);
    }
}
