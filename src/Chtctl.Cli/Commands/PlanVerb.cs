using System.CommandLine;
using Chtctl.Cli.Commands.Compose;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Core.Reporting;
using Chtctl.Core.Secrets;
using Chtctl.Kubernetes.Driver;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl plan</c>: what <c>up</c> would change, from a server-side dry-run apply of every object compared
/// with the live objects, plus the owned objects that would be pruned. Changes nothing.
/// </summary>
internal sealed class PlanVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 when there are no changes, 2 when there are." };
        var output = OutputOptions.Create();
        var command = new Command("plan", "Show what 'up' would change on the cluster, without changing anything.") { file, detailed, output };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "plan", async () =>
        {
            var (loaded, code) = await Targets.LoadAsync(context, parse.GetValue(file), cancellationToken).ConfigureAwait(false);
            if (loaded is null)
                return code;
            if (loaded.Compose is { } compose)
                return await ComposePlanOutput.RunAsync(context, compose, parse.GetValue(detailed), parse.GetValue(output), cancellationToken).ConfigureAwait(false);
            var target = loaded.Kubernetes!;
            using var api = cluster.Open(context, parse, target.Spec.Kubernetes.Context);
            target = await target.PinnedToHistoryAsync(api, cancellationToken).ConfigureAwait(false);
            var shape = target.Render(InstanceSecrets.Redacted);
            var problems = await new Preflight(api, target.Instance).CheckAsync(shape, target.Requirements(shape), cancellationToken).ConfigureAwait(false);
            if (problems.Count > 0)
                throw new PreflightFailedException(problems);
            // Existing credentials make the Secret compare equal; without any, the Secret is simply "to add".
            var secrets = await new KubernetesSecretStore(api, target.Instance).LoadAsync(cancellationToken).ConfigureAwait(false) ?? SecretGenerator.Generate();
            var plan = await new Planner(api, target.Instance).PlanAsync(target.Render(secrets), cancellationToken).ConfigureAwait(false);

            if (parse.GetValue(output) == OutputFormat.Json)
            {
                Json.Write(context.Out, new
                {
                    instance = target.Instance.Name,
                    @namespace = target.Instance.Namespace,
                    add = plan.Count(PlannedAction.Add),
                    change = plan.Count(PlannedAction.Change),
                    remove = plan.Count(PlannedAction.Remove),
                    conflict = plan.Count(PlannedAction.Conflict),
                    changes = plan.Changes,
                });
            }
            else
            {
                foreach (var change in plan.Changes)
                {
                    var sign = change.Action switch { PlannedAction.Add => "+", PlannedAction.Change => "~", PlannedAction.Remove => "-", _ => "!" };
                    context.Out.WriteLine($"{sign} {change.Object}");
                    foreach (var field in change.Fields)
                        context.Out.WriteLine($"    {field}");
                }
                context.Out.WriteLine(plan.HasChanges ? $"Plan: {plan.Summary}." : "No changes: the cluster matches the instance file.");
            }
            return parse.GetValue(detailed) && plan.HasChanges ? ExitCodes.ChangesPresent : ExitCodes.Success;
        }));
        return command;
    }
}
