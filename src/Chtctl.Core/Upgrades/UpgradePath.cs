using Chtctl.Core.Versions;

namespace Chtctl.Core.Upgrades;

/// <summary>What an upgrade request from one CHT version to another amounts to.</summary>
public enum UpgradeVerdict
{
    /// <summary>The instance already runs the requested version: nothing to do.</summary>
    SameVersion,

    /// <summary>A supported upgrade: go ahead.</summary>
    Upgrade,

    /// <summary>An older version was asked for and the caller allowed downgrades.</summary>
    Downgrade,

    /// <summary>Not allowed: <see cref="UpgradePath.Reason"/> says why and <see cref="UpgradePath.Advice"/> what to do instead.</summary>
    Refused,
}

/// <summary>
/// The decision for one requested version change. <see cref="Via"/> is the version to reach first when the
/// request skips a required stop (for example 4.5.0 on the way from 4.3 to 5.x).
/// </summary>
public sealed record UpgradePath(ChtVersion From, ChtVersion To, UpgradeVerdict Verdict, string Reason, string Advice, ChtVersion? Via = null)
{
    /// <summary>The sequence should run (an upgrade, or a downgrade the caller explicitly allowed).</summary>
    public bool Proceeds => Verdict is UpgradeVerdict.Upgrade or UpgradeVerdict.Downgrade;

    /// <summary>Refused because the target is older than what runs (and downgrades were not allowed).</summary>
    public bool IsRefusedDowngrade => Verdict == UpgradeVerdict.Refused && To < From;
}
