using System.Text.Json;
using Chtctl.Core.Schema;

namespace Chtctl.Cli.Tests.Commands;

public sealed class GeneralVerbTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Schema_prints_the_generated_json_schema()
    {
        var result = _cli.Run("schema");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(InstanceSchema.Generate(), result.Out);
    }

    [Fact]
    public void Schema_reference_prints_the_markdown_key_reference()
    {
        var result = _cli.Run("schema", "--reference");
        Assert.StartsWith("# Instance file reference", result.Out, StringComparison.Ordinal);
        Assert.Contains("| `couchdb.nodes` | number | `1` |", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_as_json_names_chtctl_and_the_cht_lines_it_hosts()
    {
        var result = _cli.Run("version", "-o", "json");
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(Core.Spec.ChtctlInfo.Version, json.RootElement.GetProperty("chtctl").GetString());
        Assert.Equal(["4.x", "5.x"], json.RootElement.GetProperty("chtLines").EnumerateArray().Select(l => l.GetProperty("line").GetString()));
    }

    [Fact]
    public void Unknown_verbs_and_options_are_usage_errors()
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run("deploy").ExitCode);
        Assert.Equal(ExitCodes.Usage, _cli.Run("validate", "--fast").ExitCode);
        var badFormat = _cli.Run("version", "--output", "xml");
        Assert.Equal(ExitCodes.Usage, badFormat.ExitCode);
        Assert.Contains("--output must be text or json, not 'xml'", badFormat.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_passes_for_an_answering_port_and_fails_for_a_closed_one()
    {
        await using var server = new Testing.LoopbackHttpServer(_ => (200, "{}"));
        Assert.Equal(ExitCodes.Success, _cli.Run("probe", $"tcp://127.0.0.1:{server.Port}").ExitCode);
        Assert.Equal(ExitCodes.Success, _cli.Run("probe", $"{server.Url}/").ExitCode);

        var closed = _cli.Run("probe", $"tcp://127.0.0.1:{Testing.FreePorts.Loopback()}", "--timeout", "1");
        Assert.Equal(ExitCodes.Unhealthy, closed.ExitCode);
        Assert.Contains("did not answer", closed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_fails_for_an_http_error_status()
    {
        await using var server = new Testing.LoopbackHttpServer(_ => (503, "{}"));
        var result = _cli.Run("probe", $"{server.Url}/");
        Assert.Equal(ExitCodes.Unhealthy, result.ExitCode);
        Assert.Contains("answered 503", result.Error, StringComparison.Ordinal);
    }
}
