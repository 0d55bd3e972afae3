using System.Net;
using Chtctl.Testing.Engine;

namespace Chtctl.Cli.Tests.ComposeUpgrade;

/// <summary>A release whose api never becomes ready (the 4.24.0 test image): the upgrade returns to the previous version by itself.</summary>
public sealed class FailedUpgradeTests
{
    [Fact]
    public async Task A_failed_gate_returns_the_instance_to_the_previous_version()
    {
        await using var instance = new EngineInstance("upg-fail");
        (await instance.VerbAsync("up")).AssertExit(ExitCodes.Success);
        Assert.Equal(HttpStatusCode.Created, (await instance.PutDocumentAsync("upg-before", UpgradeDocument.Content)).Status);

        var result = await instance.VerbAsync("upgrade", "--to", "4.24.0", "--timeout", "30s", "--output", "json");

        result.AssertExit(ExitCodes.Unhealthy);
        Assert.Contains("upgrade: health gate failed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("what api shows", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("restored CHT 4.22.0: healthy", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("rolled-back", System.Text.Json.Nodes.JsonNode.Parse(result.Stdout)!["outcome"]!.GetValue<string>());
        Assert.Equal("4.22.0", await instance.ApiVersionAsync());
        Assert.Contains("version: 4.22.0", File.ReadAllText(instance.RecordedState), StringComparison.Ordinal);
        (await instance.VerbAsync("status")).AssertExit(ExitCodes.Success);
        var history = instance.History().TakeLast(2).Select(r => (r["verb"]!.GetValue<string>(), r["chtVersion"]!.GetValue<string>(), r["result"]!.GetValue<string>()));
        Assert.Equal([("upgrade", "4.24.0", "failed"), ("rollback", "4.22.0", "succeeded")], history);
        await UpgradeDocument.AssertStillThereAsync(instance, "upg-before");
    }
}
