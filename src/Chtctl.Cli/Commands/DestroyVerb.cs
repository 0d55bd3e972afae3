using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl destroy</c>: removes an instance's workloads and configuration. Its data stays unless
/// <c>--delete-data</c> and the instance name typed back (or <c>--yes</c>).
/// </summary>
internal sealed class DestroyVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var deleteData = new Option<bool>("--delete-data") { Description = "Also delete the data: Compose — data directory, volumes, secrets, certificates; Kubernetes — volumes, credentials, history, namespace." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for the instance name." };
        var output = OutputOptions.Create();
        var command = new Command("destroy", "Remove an instance, keeping its data unless --delete-data.") { file, deleteData, yes, output };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "destroy", async () =>
        {
            var (instance, code) = await Drivers.OpenAsync(context, parse, cluster, parse.GetValue(file), bringingUp: false, cancellationToken).ConfigureAwait(false);
            if (instance is null)
                return code;
            using (instance)
            {
                var withData = parse.GetValue(deleteData);
                if (withData && !DataConfirmation.Confirm(context, instance.Name, parse.GetValue(yes), $"instance '{instance.Name}' AND ITS DATA"))
                    return ExitCodes.Usage;
                var result = await instance.Driver.DestroyAsync(withData, cancellationToken).ConfigureAwait(false);
                context.Console.MarkupLine(Markup.Escape(withData
                    ? $"Destroyed '{result.Instance}' with its data: {result.Removed} removed; deleted {string.Join(", ", result.Deleted)}"
                    : $"Destroyed '{result.Instance}': {result.Removed} removed; kept with the data: {string.Join(", ", result.Kept)} ('chtctl up' brings it back)"));
                if (parse.GetValue(output) == OutputFormat.Json)
                    Json.Write(context.Out, result);
                return ExitCodes.Success;
            }
        }));
        return command;
    }
}
