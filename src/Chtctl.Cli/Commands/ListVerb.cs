using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Core.Driving;
using Chtctl.Core.Spec;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl list</c>: the instances chtctl manages on every target it can reach — this host's Docker engine and
/// the kubeconfig's cluster — each with its CHT version and health. With <c>--target</c>, only that one.
/// </summary>
internal sealed class ListVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var cluster = new ClusterOptions();
        var output = OutputOptions.Create();
        var target = TargetOption.Create();
        target.Description = "List only this target's instances: compose (this host) or kubernetes (a cluster).";
        var command = new Command("list", "List the CHT instances chtctl manages on this host (Compose) and on a cluster (Kubernetes).") { output, target };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "list", async () =>
        {
            var only = parse.GetValue(target);
            var listed = new List<ListedInstance>();
            Exception? absent = null;
            var reached = 0;
            foreach (var each in only is { } one ? [one] : Enum.GetValues<DeploymentTarget>())
            {
                try
                {
                    using var inventory = Drivers.Inventory(context, parse, cluster, each);
                    listed.AddRange(await inventory.ListAsync(cancellationToken).ConfigureAwait(false));
                    reached++;
                }
                catch (Exception e) when (only is null && Drivers.IsAbsent(e))
                {
                    absent = e;
                    // This machine has no such target (no engine on a Kubernetes operator's laptop, no kubeconfig on
                    // a Compose host): the other target's instances are the answer.
                }
            }
            // Neither target answered: say why rather than "no instances".
            if (reached == 0 && absent is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(absent);
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                Json.Write(context.Out, listed);
                return ExitCodes.Success;
            }
            if (listed.Count == 0)
            {
                context.Out.WriteLine("No chtctl instances found.");
                return ExitCodes.Success;
            }
            var table = Tables.Create("INSTANCE", "TARGET", "CHT", "HEALTH", "LOCATION");
            foreach (var i in listed)
                table.AddRow([i.Name, i.Target, i.ChtVersion, i.Health, i.Location]);
            Tables.Write(context, table);
            return ExitCodes.Success;
        }));
        return command;
    }
}
