using Chtctl.Core.Upgrades;

namespace Chtctl.Services.UpgradeService;

/// <summary>
/// What each route answers, independent of the HTTP transport. Compatible with both upstream services
/// (cht-hosting.md §4.2, §5.2): <c>GET /</c>, <c>GET /server-status</c>, <c>POST /upgrade</c>, <c>POST /install</c>
/// and <c>POST /start</c>. An upgrade request is checked in full before the runner is called, so a bad one changes nothing.
/// </summary>
internal sealed class UpgradeEndpoints(IUpgradeRunner runner, string registry)
{
    // Checking "is one running" and starting must not interleave between two requests.
    private readonly SemaphoreSlim _starting = new(1, 1);

    public static ServiceResponse Root() =>
        new(200, new Dictionary<string, object> { ["ok"] = true, ["message"] = "Upgrade service working." }, "ok");

    public ServiceResponse ServerStatus() => runner.Running is { } progress
        ? new(200, new Dictionary<string, object>
        {
            ["ready"] = false,
            ["message"] = $"Not ready for upgrades: an upgrade from {progress.From} to {progress.To} is running ({progress.Step})",
            ["progress"] = ServiceResponse.ProgressJson(progress),
        }, "busy")
        : new(200, new Dictionary<string, object> { ["ready"] = true, ["message"] = "Deployment is ready for upgrades" }, "ready");

    /// <summary>Upstream's start brings the compose project up; chtctl's driver owns that, so there is nothing to do.</summary>
    public static ServiceResponse Start() => new(200, new Dictionary<string, object> { ["ok"] = true }, "ok (nothing to start: chtctl keeps the instance up)");

    public async Task<ServiceResponse> UpgradeAsync(ReadOnlyMemory<byte> body, string requestedBy, CancellationToken cancellationToken)
    {
        var (request, problem) = UpgradeRequest.Read(body.Span, registry);
        if (request is null)
            return ServiceResponse.Error(400, problem!);

        await _starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (runner.Running is { } running)
                return Busy(running);

            var current = await runner.CurrentVersionAsync(cancellationToken).ConfigureAwait(false);
            var path = UpgradePathRules.Decide(current, request.Target);
            if (!path.Proceeds)
                return ServiceResponse.Error(409, $"{path.Reason}. {path.Advice}") with { Outcome = $"refused target={request.Target}: {path.Reason}" };

            return await runner.StartAsync(request.Target, requestedBy, cancellationToken).ConfigureAwait(false) switch
            {
                UpgradeStart.Started started => new ServiceResponse(200, Map(request), $"started target={started.Progress.To} from={started.Progress.From}"),
                UpgradeStart.AlreadyRunning busy => Busy(busy.Progress),
                UpgradeStart.Refused refused => ServiceResponse.Error(503, refused.Reason) with { Outcome = $"runner refused target={request.Target}: {refused.Reason}" },
                _ => throw new InvalidOperationException("unknown start result"),
            };
        }
        catch (UpgradeRunnerUnavailableException e)
        {
            return ServiceResponse.Error(503, e.Message);
        }
        finally
        {
            _starting.Release();
        }
    }

    private static ServiceResponse Busy(UpgradeProgress running)
    {
        var reason = $"An upgrade from {running.From} to {running.To} is already running ({running.Step}); try again when it has finished";
        return ServiceResponse.Error(409, reason, running) with { Outcome = $"busy target={running.To}" };
    }

    /// <summary>api counts the upgrade as accepted when any container is ok (cht-hosting.md §6); every requested one is.</summary>
    private static Dictionary<string, object> Map(UpgradeRequest request) =>
        request.ContainerNames.ToDictionary(n => n, object (_) => new Dictionary<string, bool> { ["ok"] = true }, StringComparer.Ordinal);
}
