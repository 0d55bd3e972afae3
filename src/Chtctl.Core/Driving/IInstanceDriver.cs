using Chtctl.Core.Spec;
using Chtctl.Core.Versions;

namespace Chtctl.Core.Driving;

/// <summary>
/// What every target does for one instance. Verbs call this and print what it returns; each target decides in
/// its own implementation (<c>ComposeDriver</c>, <c>KubernetesDriver</c>) and nowhere else. What a target cannot
/// do throws <see cref="NotOnTargetException"/>, which says what to do instead.
/// </summary>
public interface IInstanceDriver : IDisposable
{
    DeploymentTarget Target { get; }

    /// <summary>Where the instance lives, for people: its home directory (Compose) or namespace (Kubernetes).</summary>
    string Location { get; }

    /// <summary>The file holding the instance's recorded state (Compose: <c>&lt;home&gt;/instance.yaml</c>); null when the state is not a file.</summary>
    string? RecordedStateFile { get; }

    /// <summary>The release the instance runs when brought up now: <c>cht.version</c>, with a line or <c>latest</c> pinned to what last ran.</summary>
    Task<ChtRelease> ReleaseAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Brings the instance to its file, at <see cref="UpRequest.Version"/> when given (upgrade, rollback), and
    /// waits for its health gates. A gate that fails is returned in <see cref="UpResult.Failure"/>, not thrown.
    /// </summary>
    Task<UpResult> UpAsync(UpRequest request, CancellationToken cancellationToken);

    /// <summary>What <see cref="UpAsync"/> would change (at <paramref name="version"/> when given). Changes nothing.</summary>
    Task<PlanResult> PlanAsync(ChtVersion? version, CancellationToken cancellationToken);

    /// <summary>Each component's state and one pass over the chain of health checks. Changes nothing.</summary>
    Task<StatusResult> StatusAsync(CancellationToken cancellationToken);

    /// <summary>The recorded changes, oldest first.</summary>
    Task<IReadOnlyList<HistoryEntry>> HistoryAsync(CancellationToken cancellationToken);

    /// <summary>Stops the instance and keeps everything, so <see cref="UpAsync"/> starts it again.</summary>
    Task<DownResult> DownAsync(CancellationToken cancellationToken);

    /// <summary>Removes the instance's workloads; its data only when <paramref name="deleteData"/>.</summary>
    Task<DestroyResult> DestroyAsync(bool deleteData, CancellationToken cancellationToken);

    /// <summary>Returns the instance to what a history entry recorded (by default the previous successful one).</summary>
    Task<RollbackResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken);

    /// <summary>The checks an upgrade to <paramref name="to"/> needs before anything changes: images, disk.</summary>
    Task<UpgradeChecks> CheckUpgradeAsync(ChtVersion to, CancellationToken cancellationToken);
}
