using Chtctl.Cli.Commands.Compose;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.Upgrade;
using Chtctl.Core.Versions;
using Spectre.Console;

namespace Chtctl.Cli.Commands.Upgrade;

/// <summary>The options of one <c>chtctl upgrade</c> run.</summary>
internal sealed record UpgradeRequest(ChtVersion To, bool DryRun, bool AllowDowngrade, TimeSpan Timeout, OutputFormat Format);

/// <summary>
/// <c>chtctl upgrade</c> on Compose: the running version from history, the path rules, the target's images and
/// the disk estimate; then the target through <c>up</c>'s path, and back to the previous version when a gate fails.
/// </summary>
internal static class ComposeUpgradeRun
{
    public static async Task<int> RunAsync(CliContext context, Target loaded, UpgradeRequest request, CancellationToken cancellationToken)
    {
        var current = loaded.Compose!;
        var name = current.Name;
        var result = new UpgradeResult(name, null, request.To.ToString(), UpgradeResult.Refused);
        var last = current.Instance.History.LastSuccess();
        if (last is null || !ChtVersion.TryParse(last.ChtVersion, out var running))
        {
            var why = $"it was never brought up (no successful change in {current.Instance.History.File})";
            context.Console.MarkupLine($"[red]upgrade refused[/], nothing was changed: '{Markup.Escape(name)}' has no running version to upgrade from: {Markup.Escape(why)}. Run 'chtctl up' with the instance file first.");
            return (result with { Reason = why }).Finish(context, request.Format, ExitCodes.PreflightFailed);
        }
        (result, var ended) = result.Decide(context, running, request);
        if (ended is { } exitCode)
            return exitCode;

        var previous = await ComposeTarget.CreateAsync(context, WithVersion(loaded, running), loaded.Loaded, cancellationToken).ConfigureAwait(false);
        var target = await ComposeTarget.CreateAsync(context, WithVersion(loaded, request.To), loaded.Loaded, cancellationToken).ConfigureAwait(false);
        var upgrade = new ComposeUpgrade(
            new UpgradeSide(target.Instance, target.Options(context, request.Timeout, request.AllowDowngrade)),
            new UpgradeSide(previous.Instance, previous.Options(context, request.Timeout, allowDowngrade: true)),
            EngineEndpoint.FromEnvironment(context.Environment),
            new ConsoleReporter(context),
            context.Clock);

        var disk = await upgrade.PreflightAsync(cancellationToken).ConfigureAwait(false);
        result = result.WithDisk(disk.Check, disk.Notes);
        foreach (var note in disk.Notes)
            context.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(note)}");
        if (disk.Check is { } check)
        {
            context.Console.MarkupLine(Markup.Escape($"disk: {check.Required} required, {check.Free} free at {current.Instance.Layout.DataDir}"));
            if (!check.Fits)
            {
                context.Console.MarkupLine($"[red]upgrade: preflight failed[/], nothing was changed: {Markup.Escape(check.Summary)}");
                foreach (var advice in check.Advice)
                    context.Console.MarkupLine($"  - {Markup.Escape(advice)}");
                return (result with { Reason = check.Summary, Advice = string.Join("; ", check.Advice) }).Finish(context, request.Format, ExitCodes.PreflightFailed);
            }
        }

        if (request.DryRun)
        {
            var plan = await upgrade.PlanAsync(cancellationToken).ConfigureAwait(false);
            foreach (var service in plan.Services)
                context.Console.MarkupLine(Markup.Escape($"  would {service.Action.ToString().ToLowerInvariant()} service {service.Service}" + (service.Details.Count > 0 ? ": " + string.Join("; ", service.Details) : "")));
            context.Console.MarkupLine(Markup.Escape($"Dry run: the upgrade of '{name}' from CHT {running} to {request.To} {(plan.HasChanges ? "would change: " + plan.Summary : "would change nothing")}; nothing was changed."));
            return (result with { Outcome = UpgradeResult.DryRun }).Finish(context, request.Format, ExitCodes.Success);
        }

        var outcome = await upgrade.ApplyAsync(cancellationToken).ConfigureAwait(false);
        if (outcome.Rollback is { } back)
        {
            ComposeUp.PrintFailure(context, "upgrade", outcome.Upgrade.Failure!);
            result = result with { FailedGate = $"{outcome.Upgrade.Failure!.Gate}: {outcome.Upgrade.Failure.Reason}" };
            if (back.Failure is { } again)
            {
                ComposeUp.PrintFailure(context, "rollback", again);
                context.Console.MarkupLine($"[red]restoring CHT {running} failed too[/]: '{Markup.Escape(name)}' is not healthy. See 'chtctl status' and 'chtctl history'.");
                return (result with { Outcome = UpgradeResult.RollbackFailed }).Finish(context, request.Format, ExitCodes.Unhealthy);
            }
            context.Console.MarkupLine(Markup.Escape($"restored CHT {running}: healthy at {ComposeUp.Url(previous)} (history record {back.Record?.Number}); the upgrade to {request.To} was not kept"));
            return (result with { Outcome = UpgradeResult.RolledBack }).Finish(context, request.Format, ExitCodes.Unhealthy);
        }

        context.Console.MarkupLine(Markup.Escape($"'{name}' upgraded from CHT {running} to {request.To} and healthy at {ComposeUp.Url(target)} (history record {outcome.Record?.Number})"));
        var hint = Hint(context, loaded, current, request.To);
        if (hint is not null)
            context.Console.MarkupLine($"[yellow]note:[/] {Markup.Escape(hint)}");
        return (result with { Outcome = UpgradeResult.Upgraded, Hint = hint }).Finish(context, request.Format, ExitCodes.Success);
    }

    private static Core.Spec.InstanceSpec WithVersion(Target loaded, ChtVersion version) =>
        loaded.Spec with { Cht = loaded.Spec.Cht with { Version = version.ToString() } };

    /// <summary>
    /// The operator's own file still names the old version after an upgrade; <c>up</c> with it would be a
    /// downgrade (refused), so say what to change. Not needed for the recorded state, which the driver rewrote,
    /// nor for a release line (<c>4.x</c>), which stays pinned to what ran last.
    /// </summary>
    private static string? Hint(CliContext context, Target loaded, ComposeTarget current, ChtVersion to)
    {
        if (loaded.Loaded.IsBuiltIn || !ChtVersion.TryParse(loaded.Spec.Cht.Version, out var named) || named == to)
            return null;
        var file = context.Resolve(loaded.Loaded.Source);
        if (Path.GetFullPath(file) == Path.GetFullPath(current.Instance.Layout.InstanceFile))
            return null;
        return $"{loaded.Loaded.Source} still names CHT {named}: set 'cht.version: {to}' in it, or 'chtctl up' with it will be refused as a downgrade. The recorded state is in {current.Instance.Layout.InstanceFile}.";
    }
}
