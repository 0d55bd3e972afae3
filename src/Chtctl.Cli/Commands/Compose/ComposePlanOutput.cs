using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Compose.Driver.Planning;
using Chtctl.Compose.Driver.State;

namespace Chtctl.Cli.Commands.Compose;

/// <summary><c>chtctl plan</c> on Compose: services to add, change or remove with the fields that differ, and files to write.</summary>
internal static class ComposePlanOutput
{
    public static async Task<int> RunAsync(CliContext context, ComposeTarget target, bool detailedExitCode, OutputFormat format, CancellationToken cancellationToken)
    {
        var plan = await target.Driver(context, TimeSpan.Zero).PlanAsync(cancellationToken).ConfigureAwait(false);
        if (format == OutputFormat.Json)
        {
            Json.Write(context.Out, new
            {
                instance = target.Name,
                chtVersion = target.Instance.ChtVersion,
                add = plan.ToAdd,
                change = plan.ToChange,
                remove = plan.ToRemove,
                services = plan.Services.Select(s => new { service = s.Service, action = s.Action.ToString().ToLowerInvariant(), details = s.Details }),
                files = plan.Files.Select(f => new { file = f.File, change = f.Change.ToString().ToLowerInvariant() }),
                certificates = plan.Certificates,
            });
        }
        else
        {
            foreach (var service in plan.Services)
            {
                var sign = service.Action switch { ServiceAction.Add => "+", ServiceAction.Remove => "-", _ => "~" };
                context.Out.WriteLine($"{sign} service {service.Service} ({service.Action.ToString().ToLowerInvariant()})");
                foreach (var detail in service.Details)
                    context.Out.WriteLine($"    {detail}");
            }
            foreach (var (file, change) in plan.Files)
                context.Out.WriteLine($"{(change == FileChange.Add ? "+" : change == FileChange.Remove ? "-" : "~")} file {file}");
            foreach (var certificate in plan.Certificates)
                context.Out.WriteLine($"~ certificate: {certificate}");
            context.Out.WriteLine(plan.HasChanges ? $"Plan: {plan.Summary}." : $"No changes: '{target.Name}' matches the instance file.");
        }
        return detailedExitCode && plan.HasChanges ? ExitCodes.ChangesPresent : ExitCodes.Success;
    }
}
