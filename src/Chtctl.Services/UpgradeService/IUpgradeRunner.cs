using Chtctl.Core.Versions;

namespace Chtctl.Services.UpgradeService;

/// <summary>Where a running upgrade is: shown by <c>/server-status</c> and in a 409 to a second request.</summary>
internal sealed record UpgradeProgress(ChtVersion From, ChtVersion To, string Step, string RequestedBy, DateTimeOffset StartedAt);

/// <summary>The runner's answer to a start request.</summary>
internal abstract record UpgradeStart
{
    /// <summary>The run was accepted and goes on in the background.</summary>
    public sealed record Started(UpgradeProgress Progress) : UpgradeStart;

    /// <summary>Another run holds the instance (possibly one started from the command line).</summary>
    public sealed record AlreadyRunning(UpgradeProgress Progress) : UpgradeStart;

    /// <summary>The runner cannot run now (preflight failed, not wired on this target...); nothing changed.</summary>
    public sealed record Refused(string Reason) : UpgradeStart;
}

/// <summary>The runner cannot even tell the running version (instance state unreadable); nothing changed.</summary>
internal sealed class UpgradeRunnerUnavailableException(string message) : Exception(message);

/// <summary>
/// The door from the upgrade service onto the same upgrade sequence as <c>chtctl upgrade</c> (preflight,
/// new images through the driver, health gates, automatic return on failure, history).
/// </summary>
internal interface IUpgradeRunner
{
    /// <summary>The CHT version the instance's recorded state says is running; the path rules start from it.</summary>
    /// <exception cref="UpgradeRunnerUnavailableException">The state cannot be read.</exception>
    Task<ChtVersion> CurrentVersionAsync(CancellationToken cancellationToken);

    /// <summary>The run in progress, or null when the instance is ready for an upgrade.</summary>
    UpgradeProgress? Running { get; }

    /// <summary>
    /// Starts the sequence towards <paramref name="target"/> and returns as soon as it is accepted, without
    /// waiting for it: the sequence restarts api, whose request to the service would otherwise die unanswered.
    /// Two concurrent calls must not both start (the second gets <see cref="UpgradeStart.AlreadyRunning"/>).
    /// </summary>
    Task<UpgradeStart> StartAsync(ChtVersion target, string requestedBy, CancellationToken cancellationToken);
}
