using System.CommandLine;
using Chtctl.Cli.Commands.Upgrade;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Core.Versions;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl upgrade [FILE] --to VERSION</c>: changes the instance's CHT version through the same path as
/// <c>up</c>, with preflight checks first (path rules, downgrades, images, disk on Compose) and an automatic
/// return to the previous version when a health gate fails. Exit codes: 0 upgraded (or already running it),
/// 4 refused with nothing changed, 5 failed and returned to the previous version. The upgrade service runs this
/// contract as a child process, so it stays as it is.
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
            var (loaded, code) = await Targets.LoadAsync(context, parse.GetValue(file), cancellationToken).ConfigureAwait(false);
            if (loaded is null)
                return code;
            var request = new UpgradeRequest(version, parse.GetValue(dryRun), parse.GetValue(allowDowngrade), parse.GetValue(timeout), parse.GetValue(output));
            if (loaded.Compose is not null)
                return await ComposeUpgradeRun.RunAsync(context, loaded, request, cancellationToken).ConfigureAwait(false);
            using var api = cluster.Open(context, parse, loaded.Kubernetes!.Spec.Kubernetes.Context);
            return await KubernetesUpgradeRun.RunAsync(context, loaded, api, request, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
