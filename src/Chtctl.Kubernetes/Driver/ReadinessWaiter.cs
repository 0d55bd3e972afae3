using System.Text;
using System.Text.Json.Nodes;
using Chtctl.Core.Reporting;

namespace Chtctl.Kubernetes.Driver;

/// <summary>A wave did not become ready; <see cref="Diagnosis"/> says which object, its conditions and recent events.</summary>
/// <param name="component">The object that was not ready (<c>Deployment/cht-api</c>); null when the wave's CouchDB as a whole was not.</param>
public sealed class WaveNotReadyException(string message, string diagnosis, string? component = null) : Exception(message)
{
    public string Diagnosis { get; } = diagnosis;

    public string? Component { get; } = component;
}

/// <summary>
/// Waits until every Deployment of a wave is available at its new generation. Polls rather than watches:
/// a wave is a handful of objects, and a poll survives API server restarts and proxies that cut long requests.
/// </summary>
public sealed class ReadinessWaiter(KubeApi api, TimeProvider clock, TimeSpan timeout, TimeSpan pollInterval)
{
    private const int LogLines = 20;

    public async Task WaitAsync(Wave wave, IDriverReporter reporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wave);
        ArgumentNullException.ThrowIfNull(reporter);
        var pending = wave.Workloads.ToList();
        if (pending.Count == 0)
            return;
        var deadline = clock.GetUtcNow() + timeout;
        var lastReported = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var workload in pending.ToList())
            {
                var live = await api.GetAsync(workload.Kind, workload.Namespace, workload.Name, cancellationToken).ConfigureAwait(false)
                    ?? throw new WaveNotReadyException($"{workload.Display} disappeared while waiting for it", $"{workload.Display} was deleted by someone else during the apply", workload.Display);
                var state = DeploymentState.Of(live);
                if (state.IsReady)
                {
                    pending.Remove(workload);
                    reporter.Step($"  {workload.Display} ready ({state.Progress})");
                    continue;
                }
                if (state.FailedReason is { } failed)
                    throw await NotReadyAsync(workload, live, $"{workload.Display} failed: {failed}", cancellationToken).ConfigureAwait(false);
                if (!lastReported.TryGetValue(workload.Key, out var seen) || seen != state.Progress)
                {
                    lastReported[workload.Key] = state.Progress;
                    reporter.Step($"  waiting for {workload.Display}: {state.Progress}");
                }
            }
            if (pending.Count == 0)
                return;
            if (clock.GetUtcNow() >= deadline)
            {
                var first = pending[0];
                var live = await api.GetAsync(first.Kind, first.Namespace, first.Name, cancellationToken).ConfigureAwait(false) ?? [];
                throw await NotReadyAsync(first, live,
                    $"{string.Join(", ", pending.Select(p => p.Display))} not ready after {timeout.TotalSeconds:0}s", cancellationToken).ConfigureAwait(false);
            }
            await Task.Delay(pollInterval, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<WaveNotReadyException> NotReadyAsync(DesiredObject workload, JsonObject live, string message, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.AppendLine($"{workload.Display} in namespace {workload.Namespace}: {DeploymentState.Of(live).Progress}");
        foreach (var condition in live["status"]?["conditions"]?.AsArray().OfType<JsonObject>() ?? [])
            text.AppendLine($"  condition {condition["type"]}={condition["status"]} {condition["reason"]}: {condition["message"]}");
        var events = await api.ListAsync(ResourceKind.Event, workload.Namespace, null, cancellationToken).ConfigureAwait(false);
        var related = events
            .Where(e => e["involvedObject"]?["name"]?.GetValue<string>() is { } name && name.StartsWith(workload.Name, StringComparison.Ordinal))
            .OrderBy(e => e["lastTimestamp"]?.GetValue<string>() ?? e["metadata"]?["creationTimestamp"]?.GetValue<string>(), StringComparer.Ordinal)
            .TakeLast(10)
            .ToList();
        text.AppendLine(related.Count == 0 ? "  no recent events" : "  recent events:");
        foreach (var e in related)
            text.AppendLine($"    {e["type"]} {e["reason"]} {e["involvedObject"]?["kind"]}/{e["involvedObject"]?["name"]}: {e["message"]}");
        await AppendFailingPodsAsync(text, workload, live, cancellationToken).ConfigureAwait(false);
        return new WaveNotReadyException(message, text.ToString().TrimEnd(), workload.Display);
    }

    /// <summary>Each not-ready container of the Deployment's pods: its state, restarts and last log lines.</summary>
    private async Task AppendFailingPodsAsync(StringBuilder text, DesiredObject workload, JsonObject live, CancellationToken cancellationToken)
    {
        var selector = live["spec"]?["selector"]?["matchLabels"]?.AsObject();
        if (selector is null || selector.Count == 0)
            return;
        var labelSelector = string.Join(',', selector.Select(p => $"{p.Key}={p.Value}"));
        IReadOnlyList<JsonObject> pods;
        try
        {
            pods = await api.ListAsync(ResourceKind.Pod, workload.Namespace, labelSelector, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e)
        {
            text.AppendLine($"  pods unavailable: {e.ServerMessage}");
            return;
        }
        foreach (var pod in pods)
        {
            var podName = pod["metadata"]!["name"]!.GetValue<string>();
            foreach (var container in pod["status"]?["containerStatuses"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (container["ready"]?.GetValue<bool>() == true)
                    continue;
                var containerName = container["name"]!.GetValue<string>();
                var waiting = container["state"]?["waiting"];
                text.AppendLine($"  pod {podName} container {containerName}: not ready"
                    + (waiting is null ? "" : $", {waiting["reason"]}: {waiting["message"]}")
                    + $", {container["restartCount"]} restarts; last log lines:");
                try
                {
                    var log = await api.PodLogAsync(workload.Namespace!, podName, containerName, LogLines, cancellationToken).ConfigureAwait(false);
                    foreach (var line in log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                        text.AppendLine($"    | {line}");
                }
                catch (KubeApiException e)
                {
                    text.AppendLine($"    (logs unavailable: {e.Message})");
                }
            }
        }
    }
}

/// <summary>A Deployment's rollout as its status reports it.</summary>
public sealed record DeploymentState(long Generation, long ObservedGeneration, int Desired, int Updated, int Available, string? FailedReason)
{
    public bool IsReady => ObservedGeneration >= Generation && Updated >= Desired && Available >= Desired;

    public string Progress => ObservedGeneration < Generation
        ? $"generation {Generation} not yet observed"
        : $"{Available}/{Desired} available, {Updated} updated";

    public static DeploymentState Of(JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var status = live["status"];
        var progressing = status?["conditions"]?.AsArray().OfType<JsonObject>()
            .FirstOrDefault(c => c["type"]?.GetValue<string>() == "Progressing");
        var failed = progressing?["status"]?.GetValue<string>() == "False"
            ? $"{progressing["reason"]}: {progressing["message"]}"
            : null;
        return new DeploymentState(
            Long(live["metadata"]?["generation"]),
            Long(status?["observedGeneration"]),
            (int)(live["spec"]?["replicas"] is { } r ? Long(r) : 1),
            (int)Long(status?["updatedReplicas"]),
            (int)Long(status?["availableReplicas"]),
            failed);
    }

    private static long Long(JsonNode? node) => node is null ? 0 : node.GetValue<long>();
}
