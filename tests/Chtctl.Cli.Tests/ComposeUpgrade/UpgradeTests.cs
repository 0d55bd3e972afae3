using System.Net;
using Chtctl.Testing.Engine;

namespace Chtctl.Cli.Tests.ComposeUpgrade;

/// <summary><c>chtctl upgrade</c> on the real engine: dry run, missing images, 4.22.0 → 4.23.0, then a downgrade refused.</summary>
public sealed class UpgradeTests
{
    [Fact]
    public async Task An_upgrade_moves_to_the_new_release_keeps_the_data_and_a_downgrade_is_refused()
    {
        await using var instance = new EngineInstance("upg-ok");
        (await instance.VerbAsync("up")).AssertExit(ExitCodes.Success);
        Assert.Equal(HttpStatusCode.Created, (await instance.PutDocumentAsync("upg-before", UpgradeDocument.Content)).Status);
        var before = instance.State();

        var dry = await instance.VerbAsync("upgrade", "--to", "4.23.0", "--dry-run");

        dry.AssertExit(ExitCodes.Success);
        Assert.Contains("CHT 4.22.0 → 4.23.0: upgrade from 4.22.0 to 4.23.0", dry.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"disk: [0-9.]+ GiB required, [0-9.]+ GiB free at ", dry.Stderr);
        Assert.Contains("would change service api", dry.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", dry.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, instance.State());
        Assert.Equal("4.22.0", await instance.ApiVersionAsync());

        // A release whose images cannot be had stops in the preflight, naming the image.
        var missing = await instance.VerbAsync("upgrade", "--to", "4.25.0");
        missing.AssertExit(ExitCodes.PreflightFailed);
        Assert.Contains("cht-api:4.25.0 cannot be pulled", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, instance.State());

        var upgrade = await instance.VerbAsync("upgrade", "--to", "4.23.0");

        upgrade.AssertExit(ExitCodes.Success);
        Assert.Contains("upgraded from CHT 4.22.0 to 4.23.0 and healthy", upgrade.Stderr, StringComparison.Ordinal);
        Assert.Contains("still names CHT 4.22.0: set 'cht.version: 4.23.0'", upgrade.Stderr, StringComparison.Ordinal);
        Assert.Equal("4.23.0", await instance.ApiVersionAsync());
        Assert.Contains("version: 4.23.0", File.ReadAllText(instance.RecordedState), StringComparison.Ordinal);
        (await instance.RunAsync("status", instance.RecordedState)).AssertExit(ExitCodes.Success);
        var last = instance.History()[^1];
        Assert.Equal(("upgrade", "4.23.0", "succeeded"), (last["verb"]!.GetValue<string>(), last["chtVersion"]!.GetValue<string>(), last["result"]!.GetValue<string>()));
        await UpgradeDocument.AssertStillThereAsync(instance, "upg-before");

        var upgraded = instance.State();
        var downgrade = await instance.VerbAsync("upgrade", "--to", "4.22.0");

        downgrade.AssertExit(ExitCodes.PreflightFailed);
        Assert.Contains("4.22.0 is older than the running 4.23.0", downgrade.Stderr, StringComparison.Ordinal);
        Assert.Equal(upgraded, instance.State());
        Assert.Equal("4.23.0", await instance.ApiVersionAsync());

        // The operator's file still names 4.22.0: 'up' with it is refused, and says why and what to write.
        var stale = await instance.VerbAsync("up");
        stale.AssertExit(ExitCodes.PreflightFailed);
        Assert.Contains("was upgraded to CHT 4.23.0 on ", stale.Stderr, StringComparison.Ordinal);
        Assert.Contains("set 'cht.version: 4.23.0' in the instance file", stale.Stderr, StringComparison.Ordinal);
    }
}
