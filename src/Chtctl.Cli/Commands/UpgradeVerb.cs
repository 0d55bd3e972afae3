using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Core.Driving;
using Chtctl.Core.Versions;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl upgrade [FILE] --to VERSION</c>: changes the instance's CHT version through the same path as
/// <c>up</c> (<see cref="UpgradeSequence"/>), with preflight checks first and an automatic return to the previous
/// version when a health gate fails. Exit codes: 0 upgraded (or already running it), 4 refused with nothing
/// changed, 5 failed and returned to the previous version. The upgrade service runs this contract as a child
/// process, so it stays as it is.
/// </summary>
internal sealed class UpgradeVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var to = new Option<string>("--to") { Description = "CHT version to upgrade to (an exact release, such as 4.23.0).", HelpName = "VERSION", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Run the preflight, print the figures and the plan, and change nothing." };
        var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Allow going to an older CHT version than the one running (CouchDB data is not rolled back)." };
        var timeout = Durations.Option("--timeout", TimeSpan.FromMinutes(10), "How long the health gates (Compose) or each wave (Kubernetes) may take to become ready.");
        var output = OutputOptions.Create();
        var command = new Command("upgrade", "Upgrade an instance to another CHT version: preflight (path, images, disk), apply, health gates, automatic return to the previous version on failure.")
        {
            file, to, dryRun, allowDowngrade, timeout, output,
        };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "upgrade", async () =>
        {
            if (!ChtVersion.TryParse(parse.GetValue(to) ?? "", out var version))
            {
                context.Console.MarkupLine($"[red]upgrade: --to must be an exact CHT version such as 4.23.0[/], not '{Markup.Escape(parse.GetValue(to) ?? "")}'");
                return ExitCodes.Usage;
            }
            var (instance, code) = await Drivers.OpenAsync(context, parse, cluster, parse.GetValue(file), bringingUp: false, cancellationToken).ConfigureAwait(false);
            if (instance is null)
                return code;
            using (instance)
            {
                var order = new UpgradeOrder(version, parse.GetValue(dryRun), parse.GetValue(allowDowngrade), parse.GetValue(timeout));
                var outcome = await new UpgradeSequence(instance.Driver, instance.Name, new ConsoleReporter(context)).RunAsync(order, cancellationToken).ConfigureAwait(false);
                if (outcome.Outcome == UpgradeOutcome.Upgraded)
                    outcome = outcome with { Hint = StaleFileHint(context, instance, version) };
                UpgradeOutput.Write(context, outcome);
                if (parse.GetValue(output) == OutputFormat.Json)
                    Json.Write(context.Out, outcome);
                return UpgradeOutput.ExitCode(outcome);
            }
        }));
        return command;
    }

    /// <summary>
    /// The operator's own file still names the old version after an upgrade; <c>up</c> with it would be a
    /// downgrade (refused), so say what to change. Not needed for the recorded state, which the driver rewrote,
    /// nor for a release line (<c>4.x</c>), which stays pinned to what ran last.
    /// </summary>
    private static string? StaleFileHint(CliContext context, DrivenInstance instance, ChtVersion to)
    {
        if (instance.Loaded.IsBuiltIn || !ChtVersion.TryParse(instance.Spec.Cht.Version, out var named) || named == to)
            return null;
        var file = context.Resolve(instance.Loaded.Source);
        if (instance.Driver.RecordedStateFile is { } recorded && Path.GetFullPath(file) == Path.GetFullPath(recorded))
            return null;
        return $"{instance.Loaded.Source} still names CHT {named}: set 'cht.version: {to}' in it, or 'chtctl up' with it will be refused as a downgrade."
            + (instance.Driver.RecordedStateFile is { } state ? $" The recorded state is in {state}." : "");
    }
}
