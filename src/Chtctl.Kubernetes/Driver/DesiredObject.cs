using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Chtctl.Kubernetes.Driver;

/// <summary>One object chtctl wants in the cluster, as the JSON it applies.</summary>
public sealed record DesiredObject(ResourceKind Kind, string? Namespace, string Name, JsonObject Body)
{
    /// <summary>Identity for comparing desired and live sets: kind, namespace and name.</summary>
    public string Key => ObjectKey(Kind, Namespace, Name);

    public string Display => $"{Kind.Kind}/{Name}";

    public static string ObjectKey(ResourceKind kind, string? ns, string name) => $"{kind.Kind}/{ns}/{name}";

    public static DesiredObject From(IKubernetesObject<V1ObjectMeta> typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        return From(WithDataNotStringData(JsonNode.Parse(KubernetesJson.Serialize(typed))!.AsObject()));
    }

    /// <summary>
    /// A Secret is applied with <c>data</c>, not the write-only <c>stringData</c> the renderer writes for
    /// readability: what chtctl sends is then what the server stores, so field ownership, dry-run diffs and
    /// no-op detection compare like with like.
    /// </summary>
    public static JsonObject WithDataNotStringData(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body["kind"]?.GetValue<string>() != "Secret" || body["stringData"] is not JsonObject stringData)
            return body;
        var data = body["data"] as JsonObject ?? [];
        foreach (var (key, value) in stringData)
            data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
        body.Remove("stringData");
        body["data"] = data;
        return body;
    }

    public static DesiredObject From(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var kind = ResourceKind.ForKind(body["kind"]!.GetValue<string>());
        var meta = body["metadata"]!.AsObject();
        return new DesiredObject(kind, kind.Namespaced ? meta["namespace"]?.GetValue<string>() : null, meta["name"]!.GetValue<string>(), body);
    }

    public static IReadOnlyList<DesiredObject> FromAll(IEnumerable<IKubernetesObject<V1ObjectMeta>> typed) => [.. typed.Select(From)];
}
