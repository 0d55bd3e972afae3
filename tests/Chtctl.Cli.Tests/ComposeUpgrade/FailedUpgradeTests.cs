using static Chtctl.Cli.Tests.ComposeUpgrade.EngineInstance;

namespace Chtctl.Cli.Tests.ComposeUpgrade;

/// <summary>A release whose api never becomes ready (the 4.24.0 test image): the upgrade returns to the previous version by itself.</summary>
public sealed class FailedUpgradeTests
{
    [Fact]
    public async Task A_failed_gate_returns_the_instance_to_the_previous_version()
    {
        using var instance = new EngineInstance("upg-fail");
        AssertExit(ExitCodes.Success, instance.Run("up", instance.File));
        Assert.Equal(System.Net.HttpStatusCode.Created, await instance.PutDocumentAsync("upg-before"));

        var result = instance.Run("upgrade", instance.File, "--to", "4.24.0", "--timeout", "30s", "--output", "json");

        AssertExit(ExitCodes.Unhealthy, result);
        Assert.Contains("upgrade: health gate failed", result.Error, StringComparison.Ordinal);
        Assert.Contains("what api shows", result.Error, StringComparison.Ordinal);
        Assert.Contains("restored CHT 4.22.0: healthy", result.Error, StringComparison.Ordinal);
        Assert.Equal("rolled-back", System.Text.Json.Nodes.JsonNode.Parse(result.Out)!["outcome"]!.GetValue<string>());
        Assert.Equal("4.22.0", await instance.ApiVersionAsync());
        Assert.Contains("version: 4.22.0", File.ReadAllText(instance.RecordedState), StringComparison.Ordinal);
        AssertExit(ExitCodes.Success, instance.Run("status", instance.File));
        var history = instance.History().TakeLast(2).Select(r => (r["verb"]!.GetValue<string>(), r["chtVersion"]!.GetValue<string>(), r["result"]!.GetValue<string>()));
        Assert.Equal([("upgrade", "4.24.0", "failed"), ("rollback", "4.22.0", "succeeded")], history);
        Assert.StartsWith("200 ", await instance.GetDocumentAsync("upg-before"), StringComparison.Ordinal);
    }
}
