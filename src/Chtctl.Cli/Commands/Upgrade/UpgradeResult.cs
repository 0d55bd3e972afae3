using Chtctl.Cli.Output;
using Chtctl.Core.Upgrades;
using Spectre.Console;

namespace Chtctl.Cli.Commands.Upgrade;

/// <summary>
/// What <c>chtctl upgrade</c> ends with, for <c>--output json</c> on standard output (the upgrade service and
/// scripts read it); people read the progress and result lines on standard error.
/// </summary>
internal sealed record UpgradeResult(string Instance, string? From, string To, string Outcome)
{
    public const string Upgraded = "upgraded";
    public const string AlreadyRunning = "already-running";
    public const string Refused = "refused";
    public const string DryRun = "dry-run";
    public const string RolledBack = "rolled-back";
    public const string RollbackFailed = "rollback-failed";

    public string? Verdict { get; init; }

    public string? Reason { get; init; }

    public string? Advice { get; init; }

    public long? DiskRequiredBytes { get; init; }

    public long? DiskFreeBytes { get; init; }

    public IReadOnlyList<string>? Notes { get; init; }

    public string? FailedGate { get; init; }

    public string? Hint { get; init; }

    public UpgradeResult WithPath(UpgradePath path) => this with { Verdict = path.Verdict.ToString(), Reason = path.Reason, Advice = path.Advice };

    public UpgradeResult WithDisk(DiskCheck? check, IReadOnlyList<string> notes) =>
        this with { DiskRequiredBytes = check?.RequiredBytes, DiskFreeBytes = check?.FreeBytes, Notes = notes.Count == 0 ? null : notes };

    /// <summary>Writes the JSON result when asked for, and returns the exit code.</summary>
    public int Finish(CliContext context, OutputFormat format, int exitCode)
    {
        if (format == OutputFormat.Json)
            Json.Write(context.Out, this with { Verdict = Verdict is null ? null : Verdict.ToLowerInvariant() });
        return exitCode;
    }

    /// <summary>
    /// The path from the running version to the requested one, printed; the exit code when the run ends here
    /// (already on that version, or refused), null when the upgrade goes on.
    /// </summary>
    public (UpgradeResult Result, int? ExitCode) Decide(CliContext context, Core.Versions.ChtVersion running, UpgradeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = UpgradePathRules.Decide(running, request.To, request.AllowDowngrade);
        var result = (this with { From = running.ToString() }).WithPath(path);
        PrintPath(context, Instance, path);
        if (path.Verdict == UpgradeVerdict.SameVersion)
        {
            context.Console.MarkupLine(Markup.Escape($"'{Instance}' already runs CHT {running}: nothing to do"));
            return (result, (result with { Outcome = AlreadyRunning }).Finish(context, request.Format, ExitCodes.Success));
        }
        return path.Proceeds ? (result, null) : (result, result.Finish(context, request.Format, ExitCodes.PreflightFailed));
    }

    /// <summary>The path decision as people read it; refusals with their advice.</summary>
    private static void PrintPath(CliContext context, string instance, UpgradePath path)
    {
        context.Console.MarkupLine(Markup.Escape($"'{instance}': CHT {path.From} → {path.To}: {path.Reason}"));
        if (path.Verdict == UpgradeVerdict.Refused)
            context.Console.MarkupLine($"[red]upgrade refused[/], nothing was changed: {Markup.Escape(path.Reason)}. {Markup.Escape(path.Advice)}");
    }
}
