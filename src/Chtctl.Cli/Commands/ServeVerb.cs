using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Chtctl.Services.HealthAgent;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl serve healthcheck</c>: the services chtctl's image runs inside an instance. The health agent
/// answers HAProxy's agent checks per CouchDB node, configured from the environment the topology gives it.
/// </summary>
internal sealed class ServeVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var healthcheck = new Command("healthcheck",
            "Answer HAProxy's agent checks for each CouchDB node (port HEALTHCHECK_PORT, 5555), with metrics and drain/ready on HEALTHCHECK_METRICS_PORT (9555). "
            + "Reads COUCHDB_SERVERS, COUCHDB_USER, COUCHDB_PASSWORD and HEALTHCHECK_LOG_LEVEL from the environment.");
        healthcheck.SetAction((_, cancellationToken) => ServeHealthcheckAsync(context, cancellationToken));
        return new Command("serve", "Run one of the services chtctl's image provides inside an instance.") { healthcheck };
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
}
