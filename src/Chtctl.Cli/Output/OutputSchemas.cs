using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Chtctl.Core.Driving;

namespace Chtctl.Cli.Output;

/// <summary>
/// The JSON Schema of each verb's <c>--output json</c>, generated from the result types the verbs serialize —
/// one type per verb whatever the target, so one schema per verb. Shipped as <c>schema/output/&lt;verb&gt;.schema.json</c>
/// (a test fails if they drift) and printed by <c>chtctl schema --output-of VERB</c>, for scripts to check against.
/// </summary>
internal static class OutputSchemas
{
    public static readonly IReadOnlyDictionary<string, Type> Verbs = new SortedDictionary<string, Type>(StringComparer.Ordinal)
    {
        ["up"] = typeof(UpResult),
        ["plan"] = typeof(PlanResult),
        ["status"] = typeof(StatusResult),
        ["history"] = typeof(IReadOnlyList<HistoryEntry>),
        ["upgrade"] = typeof(UpgradeOutcome),
        ["rollback"] = typeof(RollbackOutput),
        ["down"] = typeof(DownResult),
        ["destroy"] = typeof(DestroyResult),
        ["list"] = typeof(IReadOnlyList<ListedInstance>),
    };

    public static string Generate(string verb)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                // Every field is listed: a field the schema does not name is a change to the contract, caught by its test.
                if (node is JsonObject shape && shape["properties"] is JsonObject properties)
                {
                    shape["additionalProperties"] = false;
                    // Null values are left out of the output (Json.Options), so a nullable field is never required.
                    if (shape["required"] is JsonArray required)
                    {
                        var present = required.Select(r => r!.GetValue<string>()).Where(r => properties[r] is not JsonObject p || !Nullable(p)).ToList();
                        shape["required"] = new JsonArray([.. present.Select(r => JsonValue.Create(r))]);
                    }
                }
                if (node is JsonObject schema && context.PropertyInfo is { } property && Nullable(schema))
                    schema["description"] = $"May be absent: {property.Name} is left out when it has no value.";
                return node;
            },
        };
        var schema = Json.Options.GetJsonSchemaAsNode(Verbs[verb], exporter).AsObject();
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://github.com/chtctl/chtctl/schema/output/{verb}.schema.json",
            ["title"] = $"chtctl {verb} --output json",
            ["description"] = $"What 'chtctl {verb} --output json' prints on standard output, the same on Compose and Kubernetes.",
        };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            root[key] = value;
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static bool Nullable(JsonObject schema) =>
        schema["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");
}
