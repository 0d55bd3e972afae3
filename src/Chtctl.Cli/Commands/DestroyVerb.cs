using System.CommandLine;
using Chtctl.Cli.Commands.Compose;
using Chtctl.Cli.Instances;
using Chtctl.Kubernetes.Driver;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl destroy</c>: removes an instance's workloads and configuration. Its data (volumes, the credentials
/// that open it, the history and the namespace) stays unless <c>--delete-data</c> and a typed confirmation.
/// </summary>
internal sealed class DestroyVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var deleteData = new Option<bool>("--delete-data") { Description = "Also delete the data volumes, credentials, history and namespace." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for the instance name." };
        var command = new Command("destroy", "Remove an instance from its cluster, keeping its data unless --delete-data.") { file, deleteData, yes };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "destroy", async () =>
        {
            var (loaded, code) = await Targets.LoadAsync(context, parse.GetValue(file), cancellationToken).ConfigureAwait(false);
            if (loaded is null)
                return code;
            if (loaded.Compose is { } compose)
                return await ComposeDestroy.RunAsync(context, compose, parse.GetValue(deleteData), parse.GetValue(yes), cancellationToken).ConfigureAwait(false);
            var target = loaded.Kubernetes!;
            var withData = parse.GetValue(deleteData);
            var what = withData ? $"instance '{target.Instance.Name}' AND ITS DATA" : $"instance '{target.Instance.Name}' (its data is kept)";
            if (!DataConfirmation.Confirm(context, target.Instance.Name, parse.GetValue(yes), what))
                return ExitCodes.Usage;
            using var api = cluster.Open(context, parse, target.Spec.Kubernetes.Context);
            var (deleted, kept) = await Destroyer.DestroyAsync(api, target.Instance, withData, new ConsoleReporter(context), cancellationToken).ConfigureAwait(false);
            context.Console.MarkupLine(Markup.Escape(withData
                ? $"Destroyed '{target.Instance.Name}' with its data: {deleted} objects deleted"
                : $"Destroyed '{target.Instance.Name}': {deleted} objects deleted, {kept} kept with the data (volumes and credentials); 'chtctl up' brings it back"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
