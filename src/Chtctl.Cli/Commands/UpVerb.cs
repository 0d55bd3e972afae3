using System.CommandLine;
using Chtctl.Cli.Commands.Compose;
using Chtctl.Cli.Instances;
using Chtctl.Core.Spec;
using Chtctl.Kubernetes.Driver;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl up</c> (alias <c>apply</c>): brings the instance to its file. On Compose: preflight, project,
/// <c>docker compose up</c>, health gates, history. On Kubernetes: server-side apply in waves, each waiting
/// for readiness; prune of what left the instance; a revision in the namespace's history.
/// </summary>
internal sealed class UpVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var force = new Option<bool>("--force") { Description = "Take back fields another field manager changed (apply conflicts)." };
        var deleteData = new Option<bool>("--delete-data") { Description = "Also delete PersistentVolumeClaims and PersistentVolumes that left the instance (asks for the instance name)." };
        var yes = new Option<bool>("--yes") { Description = "Confirm --delete-data without typing the instance name." };
        var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Allow going to an older CHT version than the one running." };
        var timeout = Durations.Option("--timeout", TimeSpan.FromMinutes(10), "How long the health gates (Compose) or each wave (Kubernetes) may take to become ready.");
        var command = new Command("up", "Install or update an instance (Docker Compose or Kubernetes), wait for its health gates, record history. Without a file: a local instance from built-in defaults.")
        {
            file, force, deleteData, yes, allowDowngrade, timeout,
        };
        command.Aliases.Add("apply");
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "up", async () =>
        {
            var (loaded, code) = await Targets.LoadAsync(context, parse.GetValue(file), cancellationToken).ConfigureAwait(false);
            if (loaded is null)
                return code;
            if (loaded.Compose is { } compose)
            {
                if (loaded.Loaded.IsBuiltIn)
                    compose = await BuiltInInstance.WithFreePortsAsync(context, compose, cancellationToken).ConfigureAwait(false);
                return await ComposeUp.RunAsync(context, compose, parse.GetValue(timeout), parse.GetValue(allowDowngrade), cancellationToken).ConfigureAwait(false);
            }
            var target = loaded.Kubernetes!;
            if (parse.GetValue(deleteData) && !DataConfirmation.Confirm(context, target.Instance.Name, parse.GetValue(yes), $"the data volumes of '{target.Instance.Name}' that left the instance"))
                return ExitCodes.Usage;
            using var api = cluster.Open(context, parse, target.Spec.Kubernetes.Context);
            target = await target.PinnedToHistoryAsync(api, cancellationToken).ConfigureAwait(false);
            var options = DriverOptionsFor(parse.GetValue(timeout)) with
            {
                Force = parse.GetValue(force),
                DeleteData = parse.GetValue(deleteData),
                AllowDowngrade = parse.GetValue(allowDowngrade),
            };
            var driver = new KubernetesDriver(api, target.Instance, options, context.Clock, new ConsoleReporter(context));
            var report = await driver.UpAsync(target.ChtVersion, target.Render, target.Requirements, cancellationToken).ConfigureAwait(false);
            context.Console.MarkupLine(Markup.Escape(report.ChangedAnything
                ? $"'{target.Instance.Name}' is up in namespace {target.Instance.Namespace} (CHT {target.ChtVersion}): {report.Created} created, {report.Changed} changed, {report.Unchanged} unchanged, {report.Deleted} deleted; revision {report.Revision?.Number}"
                : $"No changes: '{target.Instance.Name}' in namespace {target.Instance.Namespace} already matches the instance file ({report.Unchanged} objects unchanged)"));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Polls often enough to notice readiness quickly, never more than ten times per timeout.</summary>
    public static DriverOptions DriverOptionsFor(TimeSpan timeout) => new()
    {
        WaitTimeout = timeout,
        PollInterval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(2).Ticks, timeout.Ticks / 10)),
        ChtctlVersion = ChtctlInfo.Version,
    };
}
