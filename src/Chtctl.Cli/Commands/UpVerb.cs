using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Core.Driving;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl up</c> (alias <c>apply</c>): brings the instance to its file through its target's driver, waits for
/// its health gates and records the change in its history.
/// </summary>
internal sealed class UpVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var force = new Option<bool>("--force") { Description = "Kubernetes: take back fields another field manager changed (apply conflicts)." };
        var deleteData = new Option<bool>("--delete-data") { Description = "Kubernetes: also delete PersistentVolumeClaims and PersistentVolumes that left the instance (asks for the instance name)." };
        var yes = new Option<bool>("--yes") { Description = "Confirm --delete-data without typing the instance name." };
        var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Allow going to an older CHT version than the one running." };
        var timeout = Durations.Option("--timeout", TimeSpan.FromMinutes(10), "How long the health gates (Compose) or each wave (Kubernetes) may take to become ready.");
        var output = OutputOptions.Create();
        var command = new Command("up", "Install or update an instance, wait for its health gates, record history. Without a file: a local instance from built-in defaults.")
        {
            file, force, deleteData, yes, allowDowngrade, timeout, output,
        };
        command.Aliases.Add("apply");
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "up", async () =>
        {
            var (instance, code) = await Drivers.OpenAsync(context, parse, cluster, parse.GetValue(file), bringingUp: true, cancellationToken).ConfigureAwait(false);
            if (instance is null)
                return code;
            using (instance)
            {
                if (parse.GetValue(deleteData) && !DataConfirmation.Confirm(context, instance.Name, parse.GetValue(yes), $"the data volumes of '{instance.Name}' that left the instance"))
                    return ExitCodes.Usage;
                var result = await instance.Driver.UpAsync(new UpRequest
                {
                    Timeout = parse.GetValue(timeout),
                    AllowDowngrade = parse.GetValue(allowDowngrade),
                    TakeOverFields = parse.GetValue(force),
                    DeleteDataThatLeft = parse.GetValue(deleteData),
                }, cancellationToken).ConfigureAwait(false);
                UpOutput.Write(context, result);
                if (parse.GetValue(output) == OutputFormat.Json)
                    Json.Write(context.Out, result);
                return UpOutput.ExitCode(result);
            }
        }));
        return command;
    }
}
