using System.CommandLine;
using Chtctl.Cli.Commands.Compose;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Kubernetes.Driver;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl status</c>: each component's ready replicas, image, version and restarts, and the chain api → HAProxy
/// → CouchDB nodes asked through the service proxy; exit 5 when a component is unhealthy or a hop fails.
/// </summary>
internal sealed class StatusVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var output = OutputOptions.Create();
        var command = new Command("status", "Show the state of each component of an instance.") { file, output };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "status", async () =>
        {
            var (loaded, code) = await Targets.LoadAsync(context, parse.GetValue(file), cancellationToken).ConfigureAwait(false);
            if (loaded is null)
                return code;
            if (loaded.Compose is { } compose)
                return await ComposeStatusOutput.RunAsync(context, compose, parse.GetValue(output), cancellationToken).ConfigureAwait(false);
            var target = loaded.Kubernetes!;
            using var api = cluster.Open(context, parse, target.Spec.Kubernetes.Context);
            var components = await InstanceStatus.OfAsync(api, target.Instance, cancellationToken).ConfigureAwait(false);
            // The chain is asked only of an installed instance: without Deployments there is nothing behind the Services.
            var chain = components.Count == 0 ? [] : await ChainCheck.RunAsync(api, target.Instance, components.Select(c => c.Name), cancellationToken).ConfigureAwait(false);
            var healthy = components.Count > 0 && components.All(c => c.Healthy) && chain.All(h => h.Ok);
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                Json.Write(context.Out, new { instance = target.Instance.Name, @namespace = target.Instance.Namespace, healthy, components, chain });
            }
            else if (components.Count == 0)
            {
                context.Out.WriteLine($"'{target.Instance.Name}' is not installed in namespace {target.Instance.Namespace}.");
            }
            else
            {
                context.Out.WriteLine("COMPONENT                READY  RESTARTS  VERSION   IMAGE");
                foreach (var c in components)
                {
                    context.Out.WriteLine($"{c.Name,-24} {c.Ready}/{c.Desired,-4} {c.Restarts,-9} {c.Version ?? "-",-9} {string.Join(", ", c.Images)}"
                        + (c.Problem is null ? "" : $"  ({c.Problem})"));
                }
                context.Out.WriteLine();
                context.Out.WriteLine("CHAIN (through the API server's service proxy; the Ingress is not checked)");
                foreach (var hop in chain)
                    context.Out.WriteLine($"{hop.Hop,-24} {hop.Service,-16} {hop.Request,-16} {(hop.Ok ? "OK" : "failed: " + hop.Problem)}");
            }
            return healthy ? ExitCodes.Success : ExitCodes.Unhealthy;
        }));
        return command;
    }
}
