using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;

namespace Chtctl.Cli.Commands;

/// <summary><c>chtctl plan</c>: what <c>up</c> would change, from the instance's driver. Changes nothing.</summary>
internal sealed class PlanVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 when there are no changes, 2 when there are." };
        var output = OutputOptions.Create();
        var command = new Command("plan", "Show what 'up' would change, without changing anything.") { file, detailed, output };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "plan", async () =>
        {
            var (instance, code) = await Drivers.OpenAsync(context, parse, cluster, parse.GetValue(file), bringingUp: false, cancellationToken).ConfigureAwait(false);
            if (instance is null)
                return code;
            using (instance)
            {
                var plan = await instance.Driver.PlanAsync(null, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(output) == OutputFormat.Json)
                    Json.Write(context.Out, plan);
                else
                    PlanOutput.Write(context, plan);
                return parse.GetValue(detailed) && plan.HasChanges ? ExitCodes.ChangesPresent : ExitCodes.Success;
            }
        }));
        return command;
    }
}
