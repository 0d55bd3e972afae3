using Chtctl.Cli.Instances;
using Chtctl.Core.Versions;
using Chtctl.Kubernetes.Driver;
using Spectre.Console;

namespace Chtctl.Cli.Commands.Upgrade;

/// <summary>
/// <c>chtctl upgrade</c> on Kubernetes: the running version from the last successful revision, the path rules,
/// then the target through <c>up</c>'s path (waves, waits, a revision); when a wave does not become ready, the
/// previous successful revision is re-applied at once.
/// </summary>
internal static class KubernetesUpgradeRun
{
    /// <summary>Not measured here yet: reading CouchDB's sizes needs the service proxy and the volume's free space a pod's view.</summary>
    public const string DiskNote = "disk estimate: not done on Kubernetes in this version; before upgrading, check the CouchDB volumes have free about 5 times the size of the view indexes (operators.md §1.1)";

    public static async Task<int> RunAsync(CliContext context, Target loaded, KubeApi api, UpgradeRequest request, CancellationToken cancellationToken)
    {
        var current = loaded.Kubernetes!;
        var name = current.Instance.Name;
        var result = new UpgradeResult(name, null, request.To.ToString(), UpgradeResult.Refused);
        var revisions = await new RevisionHistory(api, current.Instance).ListAsync(cancellationToken).ConfigureAwait(false);
        var last = revisions.Where(r => r.Succeeded).MaxBy(r => r.Number);
        if (last is null || !ChtVersion.TryParse(last.ChtVersion, out var running))
        {
            context.Console.MarkupLine($"[red]upgrade refused[/], nothing was changed: '{Markup.Escape(name)}' in namespace {Markup.Escape(current.Instance.Namespace)} has no successful revision to upgrade from. Run 'chtctl up' with the instance file first.");
            return (result with { Reason = "never brought up" }).Finish(context, request.Format, ExitCodes.PreflightFailed);
        }
        (result, var ended) = result.Decide(context, running, request);
        if (ended is { } exitCode)
            return exitCode;
        context.Console.MarkupLine($"[yellow]note:[/] {Markup.Escape(DiskNote)}");
        result = result with { Notes = [DiskNote] };
        if (request.DryRun)
        {
            context.Console.MarkupLine(Markup.Escape($"Dry run: '{name}' would go from CHT {running} (revision {last.Number}) to {request.To}; nothing was changed. 'chtctl plan' with cht.version: {request.To} lists the objects."));
            return (result with { Outcome = UpgradeResult.DryRun }).Finish(context, request.Format, ExitCodes.Success);
        }

        var target = await KubernetesTarget.CreateAsync(current.Spec with { Cht = current.Spec.Cht with { Version = request.To.ToString() } }, cancellationToken).ConfigureAwait(false);
        var options = UpVerb.DriverOptionsFor(request.Timeout) with { AllowDowngrade = request.AllowDowngrade };
        var reporter = new ConsoleReporter(context);
        try
        {
            var report = await new KubernetesDriver(api, target.Instance, options, context.Clock, reporter)
                .UpAsync(target.ChtVersion, target.Render, target.Requirements, cancellationToken).ConfigureAwait(false);
            context.Console.MarkupLine(Markup.Escape($"'{name}' upgraded from CHT {running} to {target.ChtVersion} in namespace {target.Instance.Namespace}: revision {report.Revision?.Number}"));
            var hint = ChtVersion.TryParse(current.Spec.Cht.Version, out var named) && named != request.To
                ? $"the instance file still names CHT {named}: set 'cht.version: {request.To}' in it, or 'chtctl up' with it will be refused as a downgrade"
                : null;
            if (hint is not null)
                context.Console.MarkupLine($"[yellow]note:[/] {Markup.Escape(hint)}");
            return (result with { Outcome = UpgradeResult.Upgraded, Hint = hint }).Finish(context, request.Format, ExitCodes.Success);
        }
        catch (WaveNotReadyException e)
        {
            context.Console.MarkupLine($"[red]upgrade: {Markup.Escape(e.Message)}[/]");
            context.Console.WriteLine(e.Diagnosis);
            result = result with { FailedGate = e.Message };
            context.Console.MarkupLine(Markup.Escape($"Returning '{name}' to revision {last.Number} (CHT {running})"));
            try
            {
                var (revision, back) = await new KubernetesDriver(api, target.Instance, options with { AllowDowngrade = true }, context.Clock, reporter)
                    .RollbackAsync(last.Number, cancellationToken).ConfigureAwait(false);
                context.Console.MarkupLine(Markup.Escape($"restored CHT {revision.ChtVersion}: healthy (revision {revision.Number} re-applied"
                    + (back.Revision is { } recorded ? $", recorded as revision {recorded.Number})" : ")") + $"; the upgrade to {request.To} was not kept"));
                return (result with { Outcome = UpgradeResult.RolledBack }).Finish(context, request.Format, ExitCodes.Unhealthy);
            }
            catch (WaveNotReadyException again)
            {
                context.Console.MarkupLine($"[red]restoring CHT {running} failed too[/]: {Markup.Escape(again.Message)}");
                context.Console.WriteLine(again.Diagnosis);
                return (result with { Outcome = UpgradeResult.RollbackFailed }).Finish(context, request.Format, ExitCodes.Unhealthy);
            }
        }
    }
}
