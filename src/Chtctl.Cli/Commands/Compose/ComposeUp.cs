using Chtctl.Cli.Instances;
using Chtctl.Compose.Driver.Health;
using Spectre.Console;

namespace Chtctl.Cli.Commands.Compose;

/// <summary><c>chtctl up</c> on Compose: the driver's run, then one line on what happened, or which gate failed and why.</summary>
internal static class ComposeUp
{
    public static async Task<int> RunAsync(CliContext context, ComposeTarget target, TimeSpan timeout, bool allowDowngrade, CancellationToken cancellationToken)
    {
        var instance = target.Instance;
        context.Console.MarkupLine(Markup.Escape($"Bringing up '{instance.Name}' (CHT {instance.ChtVersion}) from {instance.Layout.Home}"));
        var report = await target.Driver(context, timeout, allowDowngrade).UpAsync("up", cancellationToken).ConfigureAwait(false);
        var url = Url(target);
        if (report.Failure is { } failure)
        {
            PrintFailure(context, "up", failure);
            return ExitCodes.Unhealthy;
        }
        context.Console.MarkupLine(Markup.Escape(report.ChangedAnything
            ? $"'{instance.Name}' is up and healthy at {url} (CHT {instance.ChtVersion}): {report.Plan.Summary}; history record {report.Record?.Number}"
            : $"No changes: '{instance.Name}' already matches the instance file, and is healthy at {url}"));
        return ExitCodes.Success;
    }

    public static string Url(ComposeTarget target)
    {
        var port = target.Instance.Spec.Compose.Ports.Https;
        return $"https://{target.Instance.Spec.Tls.Host ?? "localhost"}" + (port == 443 ? "" : $":{port}");
    }

    /// <summary>Which gate failed, why, and the last lines of the component that explains it.</summary>
    public static void PrintFailure(CliContext context, string verb, GateFailure failure)
    {
        context.Console.MarkupLine($"[red]{verb}: health gate failed[/]: {Markup.Escape(failure.Gate)}: {Markup.Escape(failure.Reason)}");
        if (failure.LogTail.Count == 0)
            return;
        context.Console.MarkupLine(Markup.Escape($"last {failure.LogTail.Count} log lines of {failure.Service}:"));
        foreach (var line in failure.LogTail)
            context.Console.WriteLine("  | " + line);
    }
}
