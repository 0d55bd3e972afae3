using System.CommandLine;
using Chtctl.Cli.Commands.Compose;
using Chtctl.Cli.Instances;
using Chtctl.Kubernetes.Driver;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl rollback [--to N]</c>: re-applies a recorded revision's objects (default: the last successful one
/// before the current), in waves with waits. CouchDB's data is not rolled back, and the command says so.
/// </summary>
internal sealed class RollbackVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var to = new Option<int?>("--to") { Description = "Revision to return to (see 'chtctl history'). Default: the previous successful one.", HelpName = "N" };
        var force = new Option<bool>("--force") { Description = "Take back fields another field manager changed (apply conflicts)." };
        var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Allow the revision to run an older CHT version than the one running." };
        var timeout = Durations.Option("--timeout", TimeSpan.FromMinutes(10), "How long each wave may take to become ready.");
        var command = new Command("rollback", "Re-apply an earlier revision of an instance (Kubernetes objects only; CouchDB data is not rolled back).")
        {
            file, to, force, allowDowngrade, timeout,
        };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "rollback", async () =>
        {
            var (loaded, code) = await Targets.LoadAsync(context, parse.GetValue(file), cancellationToken).ConfigureAwait(false);
            if (loaded is null)
                return code;
            if (loaded.Compose is { } compose)
                return ComposeRollback.Refuse(context, compose);
            var target = loaded.Kubernetes!;
            using var api = cluster.Open(context, parse, target.Spec.Kubernetes.Context);
            var options = UpVerb.DriverOptionsFor(parse.GetValue(timeout)) with
            {
                Force = parse.GetValue(force),
                AllowDowngrade = parse.GetValue(allowDowngrade),
            };
            var driver = new KubernetesDriver(api, target.Instance, options, context.Clock, new ConsoleReporter(context));
            var (revision, report) = await driver.RollbackAsync(parse.GetValue(to), cancellationToken).ConfigureAwait(false);
            context.Console.MarkupLine(Markup.Escape(
                $"'{target.Instance.Name}' rolled back to revision {revision.Number} (CHT {revision.ChtVersion}): {report.Created} created, {report.Changed} changed, {report.Deleted} deleted"
                + (report.Revision is { } recorded ? $"; recorded as revision {recorded.Number}" : "; nothing needed changing")));
            context.Console.MarkupLine("[yellow]The instance file was not changed: the next 'chtctl up' applies it again.[/]");
            return ExitCodes.Success;
        }));
        return command;
    }
}
