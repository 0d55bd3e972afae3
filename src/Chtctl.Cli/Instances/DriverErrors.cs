using System.Net;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.State;
using Chtctl.Core.Driving;
using Chtctl.Core.Reporting;
using Chtctl.Core.Versions;
using Chtctl.Kubernetes.Driver;
using Spectre.Console;

namespace Chtctl.Cli.Instances;

/// <summary>Turns what can go wrong talking to a cluster or a Docker engine into a message and the documented exit code.</summary>
internal static class DriverErrors
{
    public static async Task<int> RunAsync(CliContext context, string verb, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (PreflightFailedException e)
        {
            context.Console.MarkupLine($"[red]{verb}: preflight failed[/], nothing was changed:");
            foreach (var problem in e.Problems)
                context.Console.MarkupLine($"  - {Markup.Escape(problem)}");
            return ExitCodes.PreflightFailed;
        }
        catch (Exception e) when (e is KubeconfigException or ClusterUnreachableException or DowngradeRefusedException or ForeignObjectException
            or EngineUnavailableException or InstanceLockedException or NotOnTargetException)
        {
            context.Console.MarkupLine($"[red]{verb} failed:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.PreflightFailed;
        }
        catch (ApplyConflictException e)
        {
            context.Console.MarkupLine($"[red]{verb}: apply conflict[/]: {Markup.Escape(e.Explain())}");
            return ExitCodes.Failure;
        }
        catch (KubeApiException e) when (e.Code == HttpStatusCode.Forbidden)
        {
            context.Console.MarkupLine($"[red]{verb}: the cluster refused a request[/] ({Markup.Escape(e.Message)}): ask a cluster administrator for access");
            return ExitCodes.PreflightFailed;
        }
        catch (Exception e) when (e is KubeApiException or RollbackTargetException or ReleaseNotFoundException)
        {
            context.Console.MarkupLine($"[red]{verb} failed:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.Failure;
        }
    }
}
