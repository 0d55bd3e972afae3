using Chtctl.Core.Versions;

namespace Chtctl.Core.Driving;

/// <summary>What <c>chtctl upgrade</c> (and the upgrade service, through it) asks for.</summary>
public sealed record UpgradeOrder(ChtVersion To, bool DryRun, bool AllowDowngrade, TimeSpan Timeout);
