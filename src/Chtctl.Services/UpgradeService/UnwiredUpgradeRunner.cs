using Chtctl.Core.Versions;

namespace Chtctl.Services.UpgradeService;

/// <summary>
/// The runner where the service cannot run the sequence itself: on Kubernetes (no instance home, no Docker
/// socket; the service-account variant is not built yet). Every request is still checked in full and then
/// refused with 503 and <paramref name="reason"/>, so api's admin shows why instead of a silent success.
/// </summary>
internal sealed class UnwiredUpgradeRunner(ChtVersion? pinned, string reason) : IUpgradeRunner
{
    /// <summary>What the service answers on a target where UI upgrades are not wired.</summary>
    public static string NotWiredReason(string why) =>
        $"Upgrades from the CHT admin app are not wired on this deployment yet ({why}); run 'chtctl upgrade --to <version>' where chtctl manages the instance";

    public UpgradeProgress? Running => null;

    public Task<ChtVersion> CurrentVersionAsync(CancellationToken cancellationToken) =>
        pinned is { } version ? Task.FromResult(version) : throw new UpgradeRunnerUnavailableException(reason);

    public Task<UpgradeStart> StartAsync(ChtVersion target, string requestedBy, CancellationToken cancellationToken) =>
        Task.FromResult<UpgradeStart>(new UpgradeStart.Refused(reason));
}
