using Chtctl.Core.Versions;
using Chtctl.Services.UpgradeService;

namespace Chtctl.Services.Tests.UpgradeService;

/// <summary>
/// A hand-written runner: records every start, and once started stays "running" until <see cref="Finish"/>,
/// as the real sequence keeps going after the service has answered api.
/// </summary>
internal sealed class FakeUpgradeRunner(ChtVersion current) : IUpgradeRunner
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<(ChtVersion Target, string RequestedBy)> Starts { get; } = [];

    public UpgradeProgress? Running { get; private set; }

    /// <summary>Completes when the background run would end; the service never waits for it.</summary>
    public Task Finished => _finished.Task;

    public Task<ChtVersion> CurrentVersionAsync(CancellationToken cancellationToken) => Task.FromResult(current);

    public Task<UpgradeStart> StartAsync(ChtVersion target, string requestedBy, CancellationToken cancellationToken)
    {
        lock (Starts)
        {
            if (Running is { } running)
                return Task.FromResult<UpgradeStart>(new UpgradeStart.AlreadyRunning(running));
            Starts.Add((target, requestedBy));
            Running = new UpgradeProgress(current, target, "pulling images", requestedBy, new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
            return Task.FromResult<UpgradeStart>(new UpgradeStart.Started(Running));
        }
    }

    public void Finish()
    {
        Running = null;
        _finished.TrySetResult();
    }
}
