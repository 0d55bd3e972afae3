using Chtctl.Cli.Instances;
using Spectre.Console;

namespace Chtctl.Cli.Commands.Compose;

/// <summary>
/// <c>chtctl rollback</c> is Kubernetes-only in this version: a Compose instance goes back by naming the
/// earlier version in its file and running <c>up</c> (history shows which versions ran).
/// </summary>
internal static class ComposeRollback
{
    public static int Refuse(CliContext context, ComposeTarget target)
    {
        var last = target.Instance.History.LastSuccess();
        context.Console.MarkupLine(Markup.Escape(
            $"chtctl rollback: '{target.Name}' runs on Compose, where rollback is not in this version. Set cht.version in the instance file to the version to return to"
            + (last is null ? "" : $" (the last successful change ran {last.ChtVersion})") + ", then run 'chtctl up --allow-downgrade'; 'chtctl history' lists what ran."));
        return ExitCodes.PreflightFailed;
    }
}
