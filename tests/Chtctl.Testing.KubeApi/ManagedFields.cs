using System.Text.Json.Nodes;

namespace Chtctl.Testing.KubeApi;

/// <summary>One <c>managedFields</c> entry: which manager set which fields, by apply or by update.</summary>
public sealed record ManagerEntry(string Manager, string Operation, string ApiVersion, string Time, HashSet<FieldPath> Fields)
{
    public JsonObject ToJson() => new()
    {
        ["manager"] = Manager,
        ["operation"] = Operation,
        ["apiVersion"] = ApiVersion,
        ["time"] = Time,
        ["fieldsType"] = "FieldsV1",
        ["fieldsV1"] = FieldPaths.ToFieldsV1(Fields),
    };

    public static List<ManagerEntry> Read(JsonObject o) =>
        [.. (o["metadata"]?["managedFields"]?.AsArray() ?? []).OfType<JsonObject>().Select(e => new ManagerEntry(
            e["manager"]!.GetValue<string>(),
            e["operation"]!.GetValue<string>(),
            e["apiVersion"]?.GetValue<string>() ?? "",
            e["time"]?.GetValue<string>() ?? "",
            FieldPaths.FromFieldsV1(e["fieldsV1"] as JsonObject)))];

    public static void Write(JsonObject o, IEnumerable<ManagerEntry> entries)
    {
        var kept = entries.Where(e => e.Fields.Count > 0).Select(e => (JsonNode)e.ToJson()).ToArray();
        var meta = o["metadata"]!.AsObject();
        if (kept.Length == 0)
            meta.Remove("managedFields");
        else
            meta["managedFields"] = new JsonArray(kept);
    }
}
