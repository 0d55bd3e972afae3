using System.CommandLine;
using Chtctl.Cli.Instances;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl down</c>: stops a Compose instance and keeps everything — containers, network, data, secrets,
/// certificates — so <c>up</c> starts the same containers again.
/// </summary>
internal sealed class DownVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var command = new Command("down", "Stop a Compose instance, keeping its containers, data and secrets ('chtctl up' starts it again).") { file };
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "down", async () =>
        {
            var (loaded, code) = await Targets.LoadAsync(context, parse.GetValue(file), cancellationToken).ConfigureAwait(false);
            if (loaded is null)
                return code;
            if (loaded.Compose is not { } compose)
            {
                context.Console.MarkupLine(Markup.Escape($"chtctl down: '{loaded.Spec.Name}' runs on Kubernetes, where down is not in this version; 'chtctl destroy' removes the workloads and keeps the data."));
                return ExitCodes.PreflightFailed;
            }
            var stopped = await compose.Driver(context, TimeSpan.Zero).DownAsync(cancellationToken).ConfigureAwait(false);
            context.Console.MarkupLine(Markup.Escape(stopped == 0
                ? $"'{compose.Name}' is not running; nothing to stop"
                : $"Stopped '{compose.Name}': {stopped} containers stopped; containers, data and secrets kept ('chtctl up' starts it again)"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
