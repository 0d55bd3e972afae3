using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Kubernetes.Driver;

namespace Chtctl.Cli.Commands;

/// <summary><c>chtctl list</c>: the chtctl instances on a cluster, across namespaces, found by their labels.</summary>
internal sealed class ListVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var cluster = new ClusterOptions();
        var output = OutputOptions.Create();
        var command = new Command("list", "List the CHT instances chtctl manages on a cluster, across namespaces.") { output };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => ClusterErrors.RunAsync(context, "list", async () =>
        {
            using var api = cluster.Open(context, parse, null);
            var instances = await InstanceStatus.ListAsync(api, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                Json.Write(context.Out, instances);
                return ExitCodes.Success;
            }
            if (instances.Count == 0)
            {
                context.Out.WriteLine("No chtctl instances on this cluster.");
                return ExitCodes.Success;
            }
            context.Out.WriteLine("INSTANCE                 NAMESPACE                CHT");
            foreach (var i in instances)
                context.Out.WriteLine($"{i.Name,-24} {i.Namespace,-24} {i.ChtVersion ?? "-"}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
