using Chtctl.Core.Driving;
using Spectre.Console;

namespace Chtctl.Cli.Output;

/// <summary>How <c>chtctl upgrade</c> ended: the runs' failures, the last line, and the exit code.</summary>
internal static class UpgradeOutput
{
    public static void Write(CliContext context, UpgradeOutcome outcome)
    {
        if (outcome.Upgrade?.Failure is { } failed)
            UpOutput.WriteFailure(context, HistoryVerbs.Upgrade, failed);
        if (outcome.Rollback?.Failure is { } again)
            UpOutput.WriteFailure(context, HistoryVerbs.Rollback, again);
        foreach (var change in outcome.Plan?.Changes ?? [])
            context.Console.MarkupLine(Markup.Escape($"  would {Json.Name(change.Action)} {change.Subject}" + (change.Details.Count > 0 ? ": " + string.Join("; ", change.Details) : "")));
        var message = Markup.Escape(outcome.Message ?? outcome.Outcome);
        context.Console.MarkupLine(ExitCode(outcome) == ExitCodes.Success ? message : $"[red]{message}[/]");
        if (outcome.Hint is { } hint)
            context.Console.MarkupLine($"[yellow]note:[/] {Markup.Escape(hint)}");
    }

    public static int ExitCode(UpgradeOutcome outcome) => outcome.Outcome switch
    {
        UpgradeOutcome.Upgraded or UpgradeOutcome.AlreadyRunning or UpgradeOutcome.DryRun => ExitCodes.Success,
        UpgradeOutcome.Refused => ExitCodes.PreflightFailed,
        _ => ExitCodes.Unhealthy,
    };
}
