using System.Net;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.State;
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
            or EngineUnavailableException or InstanceLockedException)
        {
            context.Console.MarkupLine($"[red]{verb} failed:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.PreflightFailed;
        }
        catch (ApplyConflictException e)
        {
            context.Console.MarkupLine($"[red]{verb}: apply conflict[/]: {Markup.Escape(e.Explain())}");
            return ExitCodes.Failure;
        }
        catch (WaveNotReadyException e)
        {
            context.Console.MarkupLine($"[red]{verb}: {Markup.Escape(e.Message)}[/]");
            context.Console.WriteLine(e.Diagnosis);
            return ExitCodes.Unhealthy;
        }
        catch (KubeApiException e) when (e.Code == HttpStatusCode.Forbidden)
        {
            context.Console.MarkupLine($"[red]{verb}: the cluster refused a request[/] ({Markup.Escape(e.Message)}): ask a cluster administrator for access");
            return ExitCodes.PreflightFailed;
        }
        catch (Exception e) when (e is KubeApiException or RevisionNotFoundException or ReleaseNotFoundException)
        {
            context.Console.MarkupLine($"[red]{verb} failed:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.Failure;
        }
    }
}

/// <summary>Deleting data needs the instance name typed back, or <c>--yes</c> when nobody is at the terminal.</summary>
internal static class DataConfirmation
{
    public static bool Confirm(CliContext context, string instance, bool yes, string what)
    {
        if (yes)
            return true;
        if (!context.IsInteractive && context.ConsoleOverride is null)
        {
            context.Console.MarkupLine($"[red]refusing to delete {Markup.Escape(what)} without confirmation[/]: type the instance name at a terminal, or pass --yes");
            return false;
        }
        var typed = context.Console.Ask<string>($"This deletes {Markup.Escape(what)}. Type the instance name ([bold]{Markup.Escape(instance)}[/]) to confirm:");
        return typed == instance;
    }
}

/// <summary>Durations on the command line: <c>90s</c>, <c>10m</c>, <c>1h</c>, or plain seconds.</summary>
internal static class Durations
{
    public static System.CommandLine.Option<TimeSpan> Option(string name, TimeSpan defaultValue, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "DURATION",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (TryParse(text, out var value))
                return value;
            result.AddError($"{name} must be a duration such as 90s, 10m or 1h, not '{text}'");
            return defaultValue;
        },
    };

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (text.Length == 0)
            return false;
        var unit = char.IsDigit(text[^1]) ? 's' : text[^1];
        var digits = char.IsDigit(text[^1]) ? text : text[..^1];
        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0)
            return false;
        value = unit switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.Zero };
        return value > TimeSpan.Zero;
    }
}
