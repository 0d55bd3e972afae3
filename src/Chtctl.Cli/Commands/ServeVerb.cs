using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.State;
using Chtctl.Core.Driving;
using Chtctl.Core.Parsing;
using Chtctl.Core.Versions;
using Chtctl.Services.HealthAgent;
using Chtctl.Services.UpgradeService;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl serve healthcheck</c> and <c>chtctl serve upgrade-service</c>: the services chtctl's image runs inside
/// an instance. The health agent answers HAProxy's agent checks per CouchDB node; the upgrade service is the door
/// CHT api's admin UI calls to upgrade. Both are configured from the environment the topology gives them.
/// </summary>
internal sealed class ServeVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var healthcheck = new Command("healthcheck",
            "Answer HAProxy's agent checks for each CouchDB node (port HEALTHCHECK_PORT, 5555), with metrics and drain/ready on HEALTHCHECK_METRICS_PORT (9555). "
            + "Reads COUCHDB_SERVERS, COUCHDB_USER, COUCHDB_PASSWORD and HEALTHCHECK_LOG_LEVEL from the environment.");
        healthcheck.SetAction((_, cancellationToken) => ServeHealthcheckAsync(context, cancellationToken));
        var upgradeService = new Command("upgrade-service",
            "Answer CHT api's upgrade requests (port UPGRADE_SERVICE_PORT, 5008): check the requested images against the instance's registry, "
            + "refuse downgrades and skipped versions, and start the same sequence as 'chtctl upgrade'. Reads CHTCTL_INSTANCE and the instance file "
            + "(CHTCTL_INSTANCE_FILE, default /instance/instance.yaml); UPGRADE_SERVICE_REGISTRY overrides its cht.registry. On Compose each accepted request "
            + "runs 'chtctl upgrade <instance file> --to <version>' in the background; elsewhere requests are refused with 503.");
        upgradeService.SetAction((_, cancellationToken) => ServeUpgradeServiceAsync(context, cancellationToken));
        return new Command("serve", "Run one of the services chtctl's image provides inside an instance.") { healthcheck, upgradeService };
    }

    private static async Task<int> ServeHealthcheckAsync(CliContext context, CancellationToken cancellationToken)
    {
        var (options, errors) = AgentOptions.FromEnvironment(context.Environment);
        if (options is null)
        {
            foreach (var error in errors)
                await context.Error.WriteLineAsync($"serve healthcheck: {error}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var log = new AgentLog(context.Error, options.LogLevel, context.Clock);
        var host = new HealthAgentHost(options, log, context.Clock);
        await using (host.ConfigureAwait(false))
        {
            try
            {
                host.Start();
            }
            catch (Exception e) when (e is SocketException or HttpListenerException)
            {
                await context.Error.WriteLineAsync(
                    $"serve healthcheck: cannot listen on port {options.AgentPort} or {options.MetricsPort}: {e.Message}. "
                    + "Free the port or set HEALTHCHECK_PORT / HEALTHCHECK_METRICS_PORT.").ConfigureAwait(false);
                return ExitCodes.PreflightFailed;
            }

            // Serve until the container runtime stops us (SIGTERM cancels the token).
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                log.Write(AgentLogLevel.Info, "stopping");
            }
        }

        return ExitCodes.Success;
    }

    private static async Task<int> ServeUpgradeServiceAsync(CliContext context, CancellationToken cancellationToken)
    {
        var (options, errors) = UpgradeServiceOptions.FromEnvironment(context.Environment, path => File.Exists(path) ? File.ReadAllText(path) : null);
        if (options is null)
        {
            foreach (var error in errors)
                await context.Error.WriteLineAsync($"serve upgrade-service: {error}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var log = new UpgradeServiceLog(context.Error, context.Clock);
        var runner = UpgradeRunner(context, options, log);
        var endpoints = new UpgradeEndpoints(runner, options.Registry);
        var server = new UpgradeHttpServer(options, endpoints, log);
        await using (server.ConfigureAwait(false))
        {
            try
            {
                server.Start();
            }
            catch (HttpListenerException e)
            {
                await context.Error.WriteLineAsync(
                    $"serve upgrade-service: cannot listen on port {options.Port}: {e.Message}. Free the port or set UPGRADE_SERVICE_PORT.").ConfigureAwait(false);
                return ExitCodes.PreflightFailed;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                log.Write(runner.Running is { } running ? $"stopping while the upgrade to {running.To} runs ({running.Step})" : "stopping");
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// On Compose (the instance file and the engine socket are mounted) a request runs <c>chtctl upgrade</c> on the
    /// recorded instance file; anywhere else the service says UI upgrades are not wired there.
    /// </summary>
    private static IUpgradeRunner UpgradeRunner(CliContext context, UpgradeServiceOptions options, UpgradeServiceLog log)
    {
        var engine = EngineEndpoint.FromEnvironment(context.Environment);
        if (options.InstanceFile is not { } instanceFile)
            return new UnwiredUpgradeRunner(options.PinnedVersion, UnwiredUpgradeRunner.NotWiredReason("no instance file: on Kubernetes the service-account runner is not built yet"));
        if (engine.SocketPath is { } socket && !File.Exists(socket))
            return new UnwiredUpgradeRunner(options.PinnedVersion, UnwiredUpgradeRunner.NotWiredReason($"the Docker engine socket {socket} is not mounted"));
        if (Environment.ProcessPath is not { } executable)
            return new UnwiredUpgradeRunner(options.PinnedVersion, UnwiredUpgradeRunner.NotWiredReason("chtctl cannot find its own executable"));

        var history = new ComposeHistory(Path.Combine(Path.GetDirectoryName(instanceFile) ?? "/", "history"));
        return new ChildProcessUpgradeRunner(UpgradeCommand.Chtctl(executable, instanceFile), RecordedVersion, log, context.Clock);

        // The last succeeded change is what runs (an upgrade that returned to the previous version leaves a failed
        // record); a home brought up before history existed falls back to the recorded file's pinned version.
        ChtVersion RecordedVersion()
        {
            if (HistoryEntry.LastRunning(history.Read()) is { } last && ChtVersion.TryParse(last.ChtVersion, out var recorded))
                return recorded;
            var spec = File.Exists(instanceFile) ? InstanceFileReader.Read(File.ReadAllText(instanceFile), instanceFile).Spec : null;
            return spec is not null && ChtVersion.TryParse(spec.Cht.Version, out var pinned)
                ? pinned
                : throw new UpgradeRunnerUnavailableException($"the running CHT version is unknown: no succeeded change in {history.File} and {instanceFile} pins no exact cht.version");
        }
    }
}
