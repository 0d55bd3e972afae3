using Chtctl.Core.Versions;

namespace Chtctl.Services.UpgradeService;

/// <summary>
/// The runner <c>chtctl serve upgrade-service</c> uses until the upgrade sequence is wired onto the drivers: it
/// reports the instance file's pinned version and refuses to start, so api gets a clear reason instead of a
/// silent success. Replace with the driver-backed runner; the service itself does not change.
/// </summary>
internal sealed class UnwiredUpgradeRunner(ChtVersion? pinned) : IUpgradeRunner
{
    public UpgradeProgress? Running => null;

    public Task<ChtVersion> CurrentVersionAsync(CancellationToken cancellationToken) =>
        pinned is { } version
            ? Task.FromResult(version)
            : throw new UpgradeRunnerUnavailableException("the running CHT version is unknown: the instance file does not pin an exact cht.version");

    public Task<UpgradeStart> StartAsync(ChtVersion target, string requestedBy, CancellationToken cancellationToken) =>
        Task.FromResult<UpgradeStart>(new UpgradeStart.Refused(
            $"this chtctl build cannot run upgrades from the service yet; on the host run 'chtctl upgrade --to {target}'"));
}
