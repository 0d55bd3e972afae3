using Chtctl.Testing;

namespace Chtctl.Cli.Tests.Commands;

/// <summary>
/// The Kubernetes scenario "imported-cht-chart-4x" renders the instance file that `chtctl import` writes
/// from a filled-in cht-chart-4x values file, so the chain import → render is covered end to end.
/// </summary>
public sealed class ImportedScenarioTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Scenario_instance_file_is_exactly_what_import_writes_from_its_source()
    {
        var scenario = Path.Combine(Repository.Root, "tests", "Chtctl.Kubernetes.Tests", "Scenarios", "imported-cht-chart-4x");
        _cli.Write("source.values.yaml", File.ReadAllText(Path.Combine(scenario, "source.values.yaml")));

        var result = _cli.Run("import", "source.values.yaml", "--file", "instance.yaml");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(scenario, "instance.yaml")), File.ReadAllText(Path.Combine(_cli.WorkingDirectory, "instance.yaml")));
    }
}
