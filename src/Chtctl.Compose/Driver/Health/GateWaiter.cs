using Chtctl.Compose.Driver.Engine;
using Chtctl.Core.Reporting;

namespace Chtctl.Compose.Driver.Health;

/// <summary>A gate that did not turn green in time: which, why, and the last lines its component logged.</summary>
public sealed record GateFailure(string Gate, string Service, string Reason, IReadOnlyList<string> LogTail);

/// <summary>
/// Polls the gates until all are green in one round, or the timeout. Progress says each gate as it turns
/// green, and every few seconds what is still awaited and why, so a slow start is never silent.
/// </summary>
public sealed class GateWaiter(DockerEngine engine, string project, IDriverReporter reporter, TimeProvider clock)
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    public async Task<GateFailure?> WaitAsync(IReadOnlyList<HealthGate> gates, GateContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(context);
        var started = clock.GetTimestamp();
        var lastProgress = started;
        var green = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            context.Containers = await engine.ProjectContainersAsync(project, cancellationToken).ConfigureAwait(false);
            var pending = new List<(HealthGate Gate, string Reason)>();
            foreach (var gate in gates)
            {
                var reason = await CheckAsync(gate, context, cancellationToken).ConfigureAwait(false);
                if (reason is null)
                {
                    if (green.Add(gate.Name))
                        reporter.Step($"  ✓ {gate.Name} ({Seconds(clock.GetElapsedTime(started))})");
                }
                else
                {
                    green.Remove(gate.Name);
                    pending.Add((gate, reason));
                }
            }
            if (pending.Count == 0)
                return null;

            var elapsed = clock.GetElapsedTime(started);
            if (elapsed >= timeout)
            {
                var (gate, reason) = pending[0];
                var service = gate is ContainersGate all ? all.Culprit(context) : gate.Service;
                var logs = context.Container(service) is { } container
                    ? await engine.LogTailAsync(container.Id, 20, cancellationToken).ConfigureAwait(false)
                    : [];
                return new GateFailure(gate.Name, service, reason, logs);
            }
            if (clock.GetElapsedTime(lastProgress) >= ProgressInterval)
            {
                lastProgress = clock.GetTimestamp();
                reporter.Step($"  … waiting ({Seconds(elapsed)}): {pending[0].Gate.Name}: {pending[0].Reason}"
                    + (pending.Count > 1 ? $" (+{pending.Count - 1} more)" : ""));
            }
            await Task.Delay(PollInterval, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One check of every gate, without waiting: for <c>status</c>.</summary>
    public async Task<IReadOnlyList<(HealthGate Gate, string? Problem)>> CheckOnceAsync(IReadOnlyList<HealthGate> gates, GateContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(context);
        context.Containers = await engine.ProjectContainersAsync(project, cancellationToken).ConfigureAwait(false);
        var results = new List<(HealthGate, string?)>();
        foreach (var gate in gates)
            results.Add((gate, await CheckAsync(gate, context, cancellationToken).ConfigureAwait(false)));
        return results;
    }

    private static async Task<string?> CheckAsync(HealthGate gate, GateContext context, CancellationToken cancellationToken)
    {
        try
        {
            await gate.CheckAsync(context, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (GateProblem problem)
        {
            return problem.Message;
        }
        catch (System.Text.Json.JsonException e)
        {
            return "answered something that is not JSON: " + e.Message;
        }
    }

    private static string Seconds(TimeSpan elapsed) => $"{elapsed.TotalSeconds:0.0}s";
}
