using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;
using Xunit;

namespace Chtctl.Testing;

/// <summary>
/// Checks a verb's <c>--output json</c> against the schema chtctl ships for it (<c>schema/output/&lt;verb&gt;.schema.json</c>),
/// naming every violation: the contract scripts rely on, the same for every target.
/// </summary>
public static class ShippedOutputSchemas
{
    // JsonSchema.Net registers each schema by its $id once per process: load each verb's schema once.
    private static readonly ConcurrentDictionary<string, JsonSchema> Loaded = new(StringComparer.Ordinal);

    public static void AssertValid(string verb, string json)
    {
        var schema = Loaded.GetOrAdd(verb, v => JsonSchema.FromFile(Path.Combine(Repository.Root, "schema", "output", $"{v}.schema.json")));
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, $"{verb} --output json does not match schema/output/{verb}.schema.json:\n{string.Join("\n", errors)}\n{json}");
    }
}
