using Chtctl.Cli.Output;
using Chtctl.Testing;

namespace Chtctl.Cli.Tests.Outputs;

/// <summary>The output schemas shipped in <c>schema/output/</c> are exactly what the result types generate.</summary>
public sealed class ShippedOutputSchemaTests
{
    public static TheoryData<string> Verbs => [.. OutputSchemas.Verbs.Keys];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Shipped_schema_matches_the_result_type(string verb)
    {
        Snapshots.AssertFile(Path.Combine(Repository.Root, "schema", "output", $"{verb}.schema.json"), OutputSchemas.Generate(verb),
            $"schema/output/{verb}.schema.json is missing; run the tests with CHTCTL_UPDATE_SNAPSHOTS=1 to write it");
    }

    [Fact]
    public void Schema_verb_prints_a_verbs_output_schema_and_refuses_unknown_verbs()
    {
        using var cli = new CliRunner();

        var status = cli.Run("schema", "--output-of", "status");
        var unknown = cli.Run("schema", "--output-of", "render");

        Assert.Equal(ExitCodes.Success, status.ExitCode);
        Assert.Equal(OutputSchemas.Generate("status"), status.Out);
        Assert.Contains("\"chain\"", status.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
    }
}
