using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.State;
using Chtctl.Core.Spec;
using Chtctl.Kubernetes.Driver;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl list</c>: the instances chtctl manages — Compose instances on this host's Docker engine and
/// Kubernetes instances across a cluster's namespaces — each with its CHT version and health. Without
/// <c>--target</c> it shows whichever of the two it can reach.
/// </summary>
internal sealed class ListVerb : IVerb
{
    /// <summary>One row of the list, whatever its target.</summary>
    private sealed record Listed(string Name, string Target, string Where, string? ChtVersion, string Health);

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
            var listed = new List<Listed>();
            var reached = 0;
            if (only is null or DeploymentTarget.Compose)
            {
                try
                {
                    using var engine = new DockerEngine(EngineEndpoint.FromEnvironment(context.Environment));
                    var instances = await InstanceInventory.ListAsync(engine, InstanceInventory.DefaultRoot, cancellationToken).ConfigureAwait(false);
                    listed.AddRange(instances.Select(i => new Listed(i.Name, "compose", i.Home, i.ChtVersion, i.Health)));
                    reached++;
                }
                catch (EngineUnavailableException) when (only is null)
                {
                    // No engine on this host: a Kubernetes operator's machine; the cluster part still answers.
                }
            }
            if (only is null or DeploymentTarget.Kubernetes)
            {
                try
                {
                    using var api = cluster.Open(context, parse, null);
                    var instances = await InstanceStatus.ListAsync(api, cancellationToken).ConfigureAwait(false);
                    listed.AddRange(instances.Select(i => new Listed(i.Name, "kubernetes", i.Namespace, i.ChtVersion, "-")));
                    reached++;
                }
                catch (KubeconfigException) when (only is null && reached > 0)
                {
                    // No cluster configured on a Compose host: the host's instances are the answer.
                }
            }
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                Json.Write(context.Out, listed.Select(i => new { name = i.Name, target = i.Target, where = i.Where, chtVersion = i.ChtVersion, health = i.Health }));
                return ExitCodes.Success;
            }
            if (listed.Count == 0)
            {
                context.Out.WriteLine("No chtctl instances found.");
                return ExitCodes.Success;
            }
            context.Out.WriteLine("INSTANCE             TARGET      CHT       HEALTH         WHERE");
            foreach (var i in listed)
                context.Out.WriteLine($"{i.Name,-20} {i.Target,-11} {i.ChtVersion ?? "-",-9} {i.Health,-14} {i.Where}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
