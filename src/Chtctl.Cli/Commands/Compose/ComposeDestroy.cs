using Chtctl.Cli.Instances;
using Spectre.Console;

namespace Chtctl.Cli.Commands.Compose;

/// <summary>
/// <c>chtctl destroy</c> on Compose: containers and network go; data, secrets and certificates stay unless
/// <c>--delete-data</c> with the instance name typed back (or <c>--yes</c>).
/// </summary>
internal static class ComposeDestroy
{
    public static async Task<int> RunAsync(CliContext context, ComposeTarget target, bool deleteData, bool yes, CancellationToken cancellationToken)
    {
        var what = deleteData
            ? $"instance '{target.Name}' AND ITS DATA ({target.Instance.Layout.DataDir}, its volumes and its secrets)"
            : $"instance '{target.Name}' (its data and secrets are kept)";
        if (deleteData && !DataConfirmation.Confirm(context, target.Name, yes, what))
            return ExitCodes.Usage;
        var report = await target.Driver(context, TimeSpan.Zero).DestroyAsync(deleteData, cancellationToken).ConfigureAwait(false);
        context.Console.MarkupLine(Markup.Escape(deleteData
            ? $"Destroyed '{target.Name}' with its data: {report.ContainersRemoved} containers removed; deleted {string.Join(", ", report.Deleted)}"
            : $"Destroyed '{target.Name}': {report.ContainersRemoved} containers and the network removed; data in {target.Instance.Layout.DataDir} and secrets kept ('chtctl up' brings it back)"));
        return ExitCodes.Success;
    }
}
