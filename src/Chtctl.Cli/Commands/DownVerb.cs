using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary><c>chtctl down</c>: stops an instance and keeps everything, so <c>up</c> starts the same containers again.</summary>
internal sealed class DownVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var output = OutputOptions.Create();
        var command = new Command("down", "Stop an instance, keeping its containers, data and secrets ('chtctl up' starts it again; Compose).") { file, output };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "down", async () =>
        {
            var (instance, code) = await Drivers.OpenAsync(context, parse, cluster, parse.GetValue(file), bringingUp: false, cancellationToken).ConfigureAwait(false);
            if (instance is null)
                return code;
            using (instance)
            {
                var result = await instance.Driver.DownAsync(cancellationToken).ConfigureAwait(false);
                context.Console.MarkupLine(Markup.Escape(result.Stopped == 0
                    ? $"'{result.Instance}' is not running; nothing to stop"
                    : $"Stopped '{result.Instance}': {result.Stopped} containers stopped; containers, data and secrets kept ('chtctl up' starts it again)"));
                if (parse.GetValue(output) == OutputFormat.Json)
                    Json.Write(context.Out, result);
                return ExitCodes.Success;
            }
        }));
        return command;
    }
}
