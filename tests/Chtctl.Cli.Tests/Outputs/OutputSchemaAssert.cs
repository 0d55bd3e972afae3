using Chtctl.Cli.Output;
using Json.Schema;

namespace Chtctl.Cli.Tests.Outputs;

/// <summary>Checks a verb's JSON output against the schema chtctl ships for it, naming every violation.</summary>
internal static class OutputSchemaAssert
{
    // JsonSchema.Net registers each schema by its $id once per process: load each verb's schema once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Loaded = new(StringComparer.Ordinal);

    public static void Valid(string verb, string json)
    {
        var schema = Loaded.GetOrAdd(verb, v => JsonSchema.FromText(OutputSchemas.Generate(v)));
        var result = schema.Evaluate(System.Text.Json.JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, $"{verb} --output json does not match its schema:\n{string.Join("\n", errors)}\n{json}");
    }
}
