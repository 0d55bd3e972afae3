using System.Text.Json.Nodes;
using Chtctl.Core.Rendering.Yaml;
using k8s;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// Writes a typed Kubernetes object as YAML through its JSON form: KubernetesClient's JSON serializer
/// knows every type's wire format (quantities, int-or-string, dates) and is about ten times faster than
/// its YAML serializer, and the shared <see cref="YamlWriter"/> decides quoting in one place. The output
/// loads back with <c>KubernetesYaml</c> (tested for every scenario).
/// </summary>
internal static class ManifestYaml
{
    public static string Write(IKubernetesObject<V1ObjectMeta> obj) =>
        YamlWriter.Write((YamlMap)ToYaml(JsonNode.Parse(KubernetesJson.Serialize(obj))!));

    private static YamlNode ToYaml(JsonNode node) => node switch
    {
        JsonObject obj => Map(obj),
        JsonArray array => Sequence(array),
        JsonValue value => Scalar(value),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static YamlMap Map(JsonObject obj)
    {
        var map = new YamlMap();
        foreach (var (key, value) in obj)
        {
            if (value is not null)
                map.Add(key, ToYaml(value));
        }

        return map;
    }

    private static YamlSeq Sequence(JsonArray array)
    {
        var seq = new YamlSeq();
        foreach (var item in array)
        {
            if (item is not null)
                seq.Add(ToYaml(item));
        }

        return seq;
    }

    private static YamlScalar Scalar(JsonValue value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => new YamlScalar.Str(value.GetValue<string>()),
        System.Text.Json.JsonValueKind.True => new YamlScalar.Bool(true),
        System.Text.Json.JsonValueKind.False => new YamlScalar.Bool(false),
        System.Text.Json.JsonValueKind.Number => new YamlScalar.Number(value.ToJsonString()),
        var kind => throw new ArgumentOutOfRangeException(nameof(value), kind, "not a JSON scalar"),
    };
}
