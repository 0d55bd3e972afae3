using static Chtctl.Cli.Tests.ComposeUpgrade.EngineInstance;

namespace Chtctl.Cli.Tests.ComposeUpgrade;

/// <summary><c>chtctl upgrade</c> on the real engine: dry run, missing images, 4.22.0 → 4.23.0, then a downgrade refused.</summary>
public sealed class UpgradeTests
{
    [Fact]
    public async Task An_upgrade_moves_to_the_new_release_keeps_the_data_and_a_downgrade_is_refused()
    {
        using var instance = new EngineInstance("upg-ok");
        AssertExit(ExitCodes.Success, instance.Run("up", instance.File));
        Assert.Equal(System.Net.HttpStatusCode.Created, await instance.PutDocumentAsync("upg-before"));
        var before = instance.State();

        var dry = instance.Run("upgrade", instance.File, "--to", "4.23.0", "--dry-run");

        AssertExit(ExitCodes.Success, dry);
        Assert.Contains("CHT 4.22.0 → 4.23.0: upgrade from 4.22.0 to 4.23.0", dry.Error, StringComparison.Ordinal);
        Assert.Matches(@"disk: [0-9.]+ GiB required, [0-9.]+ GiB free at ", dry.Error);
        Assert.Contains("would change service api", dry.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", dry.Error, StringComparison.Ordinal);
        Assert.Equal(before, instance.State());
        Assert.Equal("4.22.0", await instance.ApiVersionAsync());

        // A release whose images cannot be had stops in the preflight, naming the image.
        var missing = instance.Run("upgrade", instance.File, "--to", "4.25.0");
        AssertExit(ExitCodes.PreflightFailed, missing);
        Assert.Contains("cht-api:4.25.0 cannot be pulled", missing.Error, StringComparison.Ordinal);
        Assert.Equal(before, instance.State());

        var upgrade = instance.Run("upgrade", instance.File, "--to", "4.23.0");

        AssertExit(ExitCodes.Success, upgrade);
        Assert.Contains("upgraded from CHT 4.22.0 to 4.23.0 and healthy", upgrade.Error, StringComparison.Ordinal);
        Assert.Contains("still names CHT 4.22.0: set 'cht.version: 4.23.0'", upgrade.Error, StringComparison.Ordinal);
        Assert.Equal("4.23.0", await instance.ApiVersionAsync());
        Assert.Contains("version: 4.23.0", File.ReadAllText(instance.RecordedState), StringComparison.Ordinal);
        AssertExit(ExitCodes.Success, instance.Run("status", instance.RecordedState));
        var last = instance.History()[^1];
        Assert.Equal(("upgrade", "4.23.0", "succeeded"), (last["verb"]!.GetValue<string>(), last["chtVersion"]!.GetValue<string>(), last["result"]!.GetValue<string>()));
        Assert.StartsWith("200 ", await instance.GetDocumentAsync("upg-before"), StringComparison.Ordinal);

        var upgraded = instance.State();
        var downgrade = instance.Run("upgrade", instance.File, "--to", "4.22.0");

        AssertExit(ExitCodes.PreflightFailed, downgrade);
        Assert.Contains("4.22.0 is older than the running 4.23.0", downgrade.Error, StringComparison.Ordinal);
        Assert.Equal(upgraded, instance.State());
        Assert.Equal("4.23.0", await instance.ApiVersionAsync());

        // The operator's file still names 4.22.0: 'up' with it is refused, and says why and what to write.
        var stale = instance.Run("up", instance.File);
        AssertExit(ExitCodes.PreflightFailed, stale);
        Assert.Contains("was upgraded to CHT 4.23.0 on ", stale.Error, StringComparison.Ordinal);
        Assert.Contains("set 'cht.version: 4.23.0' in the instance file", stale.Error, StringComparison.Ordinal);
    }
}
