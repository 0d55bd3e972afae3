using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;

namespace Chtctl.Cli.Commands;

/// <summary><c>chtctl status</c>: each component and the chain of health checks; exit 5 when anything is unhealthy.</summary>
internal sealed class StatusVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var output = OutputOptions.Create();
        var command = new Command("status", "Show the state of each component of an instance and check the chain from the edge to every CouchDB node.") { file, output };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "status", async () =>
        {
            var (instance, code) = await Drivers.OpenAsync(context, parse, cluster, parse.GetValue(file), bringingUp: false, cancellationToken).ConfigureAwait(false);
            if (instance is null)
                return code;
            using (instance)
            {
                var status = await instance.Driver.StatusAsync(cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(output) == OutputFormat.Json)
                    Json.Write(context.Out, status);
                else
                    StatusOutput.Write(context, status);
                return status.Healthy ? ExitCodes.Success : ExitCodes.Unhealthy;
            }
        }));
        return command;
    }
}
