using Chtctl.Core.Reporting;
using Chtctl.Core.Upgrades;
using Chtctl.Core.Versions;

namespace Chtctl.Core.Driving;

/// <summary>
/// <c>chtctl upgrade</c> on every target: the running version from history, the path rules, the target's own
/// checks (images, disk), then <c>up</c> at the new version; when a health gate fails, <c>up</c> at the previous
/// version at once. Every step is an <c>up</c> of the whole instance, so an interrupted upgrade resumes when run
/// again: what already runs the target shows no changes and only the gates are checked.
/// </summary>
public sealed class UpgradeSequence(IInstanceDriver driver, string instance, IDriverReporter reporter)
{
    public async Task<UpgradeOutcome> RunAsync(UpgradeOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var refused = new UpgradeOutcome(instance, Targets.Name(driver.Target), null, order.To.ToString(), UpgradeOutcome.Refused);
        var history = await driver.HistoryAsync(cancellationToken).ConfigureAwait(false);
        if (HistoryEntry.LastRunning(history) is not { } last || !ChtVersion.TryParse(last.ChtVersion, out var running))
        {
            return refused with
            {
                Reason = $"it was never brought up (no successful change is recorded in {driver.Location})",
                Advice = "Run 'chtctl up' with the instance file first.",
                Message = $"upgrade refused, nothing was changed: '{instance}' has no running version to upgrade from. Run 'chtctl up' with the instance file first.",
            };
        }

        var path = UpgradePathRules.Decide(running, order.To, order.AllowDowngrade);
        var decided = refused with { From = running.ToString(), Verdict = path.Verdict.ToString().ToLowerInvariant(), Reason = path.Reason, Advice = path.Advice };
        reporter.Step($"'{instance}': CHT {path.From} → {path.To}: {path.Reason}");
        if (path.Verdict == UpgradeVerdict.SameVersion)
            return decided with { Outcome = UpgradeOutcome.AlreadyRunning, Message = $"'{instance}' already runs CHT {running}: nothing to do" };
        if (!path.Proceeds)
            return decided with { Message = $"upgrade refused, nothing was changed: {path.Reason}. {path.Advice}" };

        var checks = await driver.CheckUpgradeAsync(order.To, cancellationToken).ConfigureAwait(false);
        foreach (var note in checks.Notes)
            reporter.Warn(note);
        decided = decided with
        {
            DiskRequiredBytes = checks.Disk?.RequiredBytes,
            DiskFreeBytes = checks.Disk?.FreeBytes,
            Notes = checks.Notes.Count == 0 ? null : checks.Notes,
        };
        if (checks.Disk is { } disk)
        {
            reporter.Step($"disk: {disk.Required} required, {disk.Free} free at {checks.MeasuredAt ?? driver.Location}");
            if (!disk.Fits)
            {
                return decided with
                {
                    Reason = disk.Summary,
                    Advice = string.Join("; ", disk.Advice),
                    Message = $"upgrade: preflight failed, nothing was changed: {disk.Summary}" + string.Concat(disk.Advice.Select(a => "\n  - " + a)),
                };
            }
        }

        if (order.DryRun)
        {
            var plan = await driver.PlanAsync(order.To, cancellationToken).ConfigureAwait(false);
            return decided with
            {
                Outcome = UpgradeOutcome.DryRun,
                Plan = plan,
                Message = $"Dry run: the upgrade of '{instance}' from CHT {running} to {order.To} {(plan.HasChanges ? "would change: " + plan.Summary : "would change nothing")}; nothing was changed.",
            };
        }

        reporter.Step($"Upgrading '{instance}' from CHT {running} to {order.To}");
        var upgrade = await driver.UpAsync(new UpRequest { Verb = HistoryVerbs.Upgrade, Version = order.To, Timeout = order.Timeout, AllowDowngrade = order.AllowDowngrade }, cancellationToken).ConfigureAwait(false);
        if (upgrade.Failure is not { } failure)
        {
            return decided with
            {
                Outcome = UpgradeOutcome.Upgraded,
                Upgrade = upgrade,
                Message = $"'{instance}' upgraded from CHT {running} to {order.To} and healthy at {upgrade.Address}" + (upgrade.Entry is { } recorded ? $" (history entry {recorded.Number})" : ""),
            };
        }

        reporter.Warn($"the upgrade to CHT {order.To} failed at '{failure.Gate}': {failure.Reason}");
        reporter.Step($"Returning '{instance}' to CHT {running}");
        var back = await driver.UpAsync(new UpRequest { Verb = HistoryVerbs.Rollback, Version = running, Timeout = order.Timeout, AllowDowngrade = true }, cancellationToken).ConfigureAwait(false);
        var failed = decided with { FailedGate = $"{failure.Gate}: {failure.Reason}", Upgrade = upgrade, Rollback = back };
        return back.Failure is null
            ? failed with
            {
                Outcome = UpgradeOutcome.RolledBack,
                Message = $"restored CHT {running}: healthy at {back.Address}" + (back.Entry is { } restored ? $" (history entry {restored.Number})" : "") + $"; the upgrade to {order.To} was not kept",
            }
            : failed with
            {
                Outcome = UpgradeOutcome.RollbackFailed,
                Message = $"restoring CHT {running} failed too: '{instance}' is not healthy. See 'chtctl status' and 'chtctl history'.",
            };
    }
}
