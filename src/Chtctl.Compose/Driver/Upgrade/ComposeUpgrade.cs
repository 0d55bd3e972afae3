using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.Planning;
using Chtctl.Compose.Driver.State;
using Chtctl.Core.Reporting;

namespace Chtctl.Compose.Driver.Upgrade;

/// <summary>What an upgrade did: the upgrade's own run and, when a gate failed, the run back to the previous version.</summary>
/// <param name="Upgrade">The run at the target version.</param>
/// <param name="Rollback">The automatic run back at the previous version; null when the upgrade was healthy.</param>
/// <param name="Record">The upgrade's history record (written here when the target already ran: a resumed upgrade).</param>
public sealed record UpgradeOutcome(UpReport Upgrade, UpReport? Rollback, HistoryRecord? Record)
{
    public bool Healthy => Upgrade.Healthy;
}

/// <summary>One side of an upgrade: an instance at one version and the settings its driver runs with.</summary>
public sealed record UpgradeSide(ComposeInstance Instance, ComposeDriverOptions Options);

/// <summary>
/// <c>chtctl upgrade</c> on Compose: preflight (images of the target, disk for re-indexing), then the target
/// version through the same path as <c>up</c>, and when a health gate fails the previous version through that
/// path again. Every step is an <c>up</c> of a whole instance, so an interrupted upgrade is resumed by running
/// it again: what already runs the target shows no changes and only the gates are checked.
/// </summary>
public sealed class ComposeUpgrade(UpgradeSide target, UpgradeSide previous, EngineEndpoint endpoint, IDriverReporter reporter, TimeProvider clock)
{
    public const string Verb = "upgrade";
    public const string RollbackVerb = "rollback";

    /// <summary>
    /// The checks that need the engine, before anything changes: the target's images are present (pulled if
    /// missing; one that cannot be pulled throws <see cref="PreflightFailedException"/>), and the disk estimate.
    /// </summary>
    public async Task<UpgradeDisk> PreflightAsync(CancellationToken cancellationToken)
    {
        reporter.Step($"Checking the images of CHT {target.Instance.ChtVersion}");
        await Driver(target).EnsureImagesAsync(cancellationToken).ConfigureAwait(false);
        reporter.Step("Estimating the disk the upgrade needs from CouchDB's database and view index sizes");
        return await UpgradeDiskReader.ReadAsync(previous.Instance, endpoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What applying the target would change (for <c>--dry-run</c>).</summary>
    public Task<ComposePlan> PlanAsync(CancellationToken cancellationToken) => Driver(target).PlanAsync(cancellationToken);

    public async Task<UpgradeOutcome> ApplyAsync(CancellationToken cancellationToken)
    {
        reporter.Step($"Upgrading '{target.Instance.Name}' from CHT {previous.Instance.ChtVersion} to {target.Instance.ChtVersion}");
        var report = await Driver(target).UpAsync(Verb, cancellationToken).ConfigureAwait(false);
        if (report.Failure is { } failure)
        {
            reporter.Warn($"the upgrade to CHT {target.Instance.ChtVersion} failed at '{failure.Gate}': {failure.Reason}");
            reporter.Step($"Returning '{previous.Instance.Name}' to CHT {previous.Instance.ChtVersion}");
            var back = await Driver(previous with { Options = previous.Options with { AllowDowngrade = true } }).UpAsync(RollbackVerb, cancellationToken).ConfigureAwait(false);
            return new UpgradeOutcome(report, back, report.Record);
        }
        // Nothing changed but healthy: an earlier run applied the target and stopped before recording it.
        var record = report.Record ?? target.Instance.History.Append(new HistoryRecord(
            0, clock.GetUtcNow(), Verb, target.Instance.ChtVersion, target.Options.SpecHash, HistoryRecord.Succeeded, target.Options.ChtctlVersion,
            $"CHT {target.Instance.ChtVersion} was already running and healthy (an earlier upgrade run applied it)"));
        return new UpgradeOutcome(report, null, record);
    }

    private ComposeDriver Driver(UpgradeSide side) => new(side.Instance, endpoint, side.Options, reporter, clock);
}
