using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Core.Driving;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl rollback [--to N]</c>: returns the instance to a history entry (default: the last successful change
/// before the newest). CouchDB's data is not rolled back, and the command says so.
/// </summary>
internal sealed class RollbackVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var to = new Option<int?>("--to") { Description = "History entry to return to (see 'chtctl history'). Default: the last successful change before the newest.", HelpName = "N" };
        var force = new Option<bool>("--force") { Description = "Kubernetes: take back fields another field manager changed (apply conflicts)." };
        var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Allow the entry to run an older CHT version than the one running." };
        var timeout = Durations.Option("--timeout", TimeSpan.FromMinutes(10), "How long the health gates (Compose) or each wave (Kubernetes) may take to become ready.");
        var output = OutputOptions.Create();
        var command = new Command("rollback", "Return an instance to an earlier history entry: Kubernetes re-applies its objects, Compose brings back its CHT version (CouchDB data is not rolled back).")
        {
            file, to, force, allowDowngrade, timeout, output,
        };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "rollback", async () =>
        {
            var (instance, code) = await Drivers.OpenAsync(context, parse, cluster, parse.GetValue(file), bringingUp: false, cancellationToken).ConfigureAwait(false);
            if (instance is null)
                return code;
            using (instance)
            {
                var request = new RollbackRequest(parse.GetValue(to), parse.GetValue(timeout), parse.GetValue(allowDowngrade), parse.GetValue(force));
                var (entry, run) = await instance.Driver.RollbackAsync(request, cancellationToken).ConfigureAwait(false);
                if (run.Failure is { } failure)
                {
                    UpOutput.WriteFailure(context, HistoryVerbs.Rollback, failure);
                }
                else
                {
                    context.Console.MarkupLine(Markup.Escape(
                        $"'{run.Instance}' rolled back to history entry {entry.Number} (CHT {entry.ChtVersion}): {run.Summary}"
                        + (run.Entry is { } recorded ? $"; recorded as history entry {recorded.Number}" : "; nothing needed changing")));
                    context.Console.MarkupLine("[yellow]The instance file was not changed: the next 'chtctl up' applies it again.[/]");
                }
                if (parse.GetValue(output) == OutputFormat.Json)
                    Json.Write(context.Out, new RollbackOutput(entry, run));
                return UpOutput.ExitCode(run);
            }
        }));
        return command;
    }
}
