using Chtctl.Core.Driving;
using Spectre.Console;

namespace Chtctl.Cli.Output;

/// <summary>How an <c>up</c> (or the runs of an upgrade or rollback) ended, for people on standard error.</summary>
internal static class UpOutput
{
    public static void Write(CliContext context, UpResult result)
    {
        foreach (var note in result.Notes)
            context.Console.MarkupLine(Markup.Escape(note));
        if (result.Failure is { } failure)
        {
            WriteFailure(context, result.Verb, failure);
            return;
        }
        context.Console.MarkupLine(Markup.Escape(result.Changed
            ? $"'{result.Instance}' is up and healthy at {result.Address} (CHT {result.ChtVersion}): {result.Summary}" + (result.Entry is { } e ? $"; history entry {e.Number}" : "")
            : $"No changes: '{result.Instance}' already matches the instance file, and is healthy at {result.Address} (CHT {result.ChtVersion})"));
    }

    /// <summary>Which gate failed, why, and what explains it (log lines, conditions, events).</summary>
    public static void WriteFailure(CliContext context, string verb, HealthFailure failure)
    {
        context.Console.MarkupLine($"[red]{Markup.Escape(verb)}: health gate failed[/]: {Markup.Escape(failure.Gate)}: {Markup.Escape(failure.Reason)}");
        if (failure.Diagnosis.Count == 0)
            return;
        context.Console.MarkupLine(Markup.Escape($"what {failure.Component} shows ({failure.Diagnosis.Count} lines):"));
        foreach (var line in failure.Diagnosis)
            context.Console.WriteLine("  | " + line);
    }

    public static int ExitCode(UpResult result) => result.Healthy ? ExitCodes.Success : ExitCodes.Unhealthy;
}
