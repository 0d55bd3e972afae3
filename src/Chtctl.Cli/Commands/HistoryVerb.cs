using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;

namespace Chtctl.Cli.Commands;

/// <summary><c>chtctl history</c>: the recorded changes of an instance, oldest first.</summary>
internal sealed class HistoryVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var output = OutputOptions.Create();
        var command = new Command("history", "List the recorded changes of an instance (Kubernetes keeps the last 10).") { file, output };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "history", async () =>
        {
            var (instance, code) = await Drivers.OpenAsync(context, parse, cluster, parse.GetValue(file), bringingUp: false, cancellationToken).ConfigureAwait(false);
            if (instance is null)
                return code;
            using (instance)
            {
                var entries = await instance.Driver.HistoryAsync(cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(output) == OutputFormat.Json)
                    Json.Write(context.Out, entries);
                else
                    HistoryOutput.Write(context, instance.Name, instance.Driver.Location, entries);
                return ExitCodes.Success;
            }
        }));
        return command;
    }
}
