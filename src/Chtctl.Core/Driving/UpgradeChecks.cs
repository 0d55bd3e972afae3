using Chtctl.Core.Upgrades;

namespace Chtctl.Core.Driving;

/// <summary>
/// An upgrade's checks that need the target, before anything changes: the disk figures when they can be
/// measured, and notes on what could not be (missing figures, a target that cannot measure them).
/// Images that cannot be pulled throw <c>PreflightFailedException</c> instead.
/// </summary>
/// <param name="MeasuredAt">Where the free space was measured (the data directory); null when it was not.</param>
public sealed record UpgradeChecks(DiskCheck? Disk, IReadOnlyList<string> Notes, string? MeasuredAt = null);
