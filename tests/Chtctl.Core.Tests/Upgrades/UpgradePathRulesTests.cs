using Chtctl.Core.Upgrades;
using Chtctl.Core.Versions;

namespace Chtctl.Core.Tests.Upgrades;

public sealed class UpgradePathRulesTests
{
    [Theory]
    [InlineData("4.22.0", "4.22.0", false, UpgradeVerdict.SameVersion, null)]
    [InlineData("4.22.0", "4.22.1", false, UpgradeVerdict.Upgrade, null)]
    [InlineData("4.22.0", "4.23.0", false, UpgradeVerdict.Upgrade, null)]
    [InlineData("4.5.0", "5.0.0", false, UpgradeVerdict.Upgrade, null)]
    [InlineData("4.22.0", "5.1.0", false, UpgradeVerdict.Upgrade, null)]
    [InlineData("5.0.0", "5.2.1", false, UpgradeVerdict.Upgrade, null)]
    [InlineData("4.0.0", "4.5.0", false, UpgradeVerdict.Upgrade, null)]
    [InlineData("4.4.9", "5.0.0", false, UpgradeVerdict.Refused, "4.5.0")]
    [InlineData("4.0.1", "5.2.0", false, UpgradeVerdict.Refused, "4.5.0")]
    [InlineData("4.22.0", "6.0.0", false, UpgradeVerdict.Refused, "5.0.0")]
    [InlineData("4.23.0", "4.22.0", false, UpgradeVerdict.Refused, null)]
    [InlineData("5.0.0", "4.22.0", false, UpgradeVerdict.Refused, null)]
    [InlineData("4.23.0", "4.22.0", true, UpgradeVerdict.Downgrade, null)]
    [InlineData("3.17.0", "4.22.0", false, UpgradeVerdict.Refused, null)]
    [InlineData("4.22.0", "3.17.0", true, UpgradeVerdict.Refused, null)]
    public void Decides_each_version_change(string from, string to, bool allowDowngrade, UpgradeVerdict verdict, string? via)
    {
        var path = UpgradePathRules.Decide(ChtVersion.Parse(from), ChtVersion.Parse(to), allowDowngrade);

        Assert.Equal(verdict, path.Verdict);
        Assert.Equal(via is null ? null : ChtVersion.Parse(via), path.Via);
        Assert.Equal(verdict is UpgradeVerdict.Upgrade or UpgradeVerdict.Downgrade, path.Proceeds);
    }

    [Fact]
    public void Skipping_4_5_on_the_way_to_5_names_the_stop_and_the_guide()
    {
        var path = UpgradePathRules.Decide(new ChtVersion(4, 3, 0), new ChtVersion(5, 0, 0));

        Assert.Contains("4.5", path.Reason, StringComparison.Ordinal);
        Assert.Contains("at least 4.5.0", path.Advice, StringComparison.Ordinal);
        Assert.Contains("preparing-for-5", path.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_3x_instance_is_sent_to_the_migration_guide()
    {
        var path = UpgradePathRules.Decide(new ChtVersion(3, 17, 2), new ChtVersion(4, 22, 0));

        Assert.Contains("migration, not an upgrade", path.Reason, StringComparison.Ordinal);
        Assert.Contains("couchdb-migration", path.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_downgrade_says_how_to_force_it()
    {
        var path = UpgradePathRules.Decide(new ChtVersion(4, 23, 0), new ChtVersion(4, 22, 0));

        Assert.True(path.IsRefusedDowngrade);
        Assert.Contains("--allow-downgrade", path.Advice, StringComparison.Ordinal);
    }
}
