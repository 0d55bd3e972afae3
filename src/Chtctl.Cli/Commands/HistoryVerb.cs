using System.CommandLine;
using System.Globalization;
using Chtctl.Cli.Commands.Compose;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Kubernetes.Driver;

namespace Chtctl.Cli.Commands;

/// <summary><c>chtctl history</c>: the revisions recorded in the instance's namespace, oldest first.</summary>
internal sealed class HistoryVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var cluster = new ClusterOptions();
        var output = OutputOptions.Create();
        var command = new Command("history", "List the recorded applies of an instance (the last 10).") { file, output };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => DriverErrors.RunAsync(context, "history", async () =>
        {
            var (loaded, code) = await Targets.LoadAsync(context, parse.GetValue(file), cancellationToken).ConfigureAwait(false);
            if (loaded is null)
                return code;
            if (loaded.Compose is { } compose)
                return ComposeHistoryOutput.Run(context, compose, parse.GetValue(output));
            var target = loaded.Kubernetes!;
            using var api = cluster.Open(context, parse, target.Spec.Kubernetes.Context);
            var revisions = await new RevisionHistory(api, target.Instance).ListAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                Json.Write(context.Out, revisions.Select(r => new
                {
                    revision = r.Number,
                    chtVersion = r.ChtVersion,
                    specHash = r.SpecHash,
                    time = r.Time,
                    chtctlVersion = r.ChtctlVersion,
                    result = r.Result,
                    objects = r.Objects.Count,
                }));
                return ExitCodes.Success;
            }
            if (revisions.Count == 0)
            {
                context.Out.WriteLine($"No revisions recorded for '{target.Instance.Name}' in namespace {target.Instance.Namespace}.");
                return ExitCodes.Success;
            }
            context.Out.WriteLine("REVISION  TIME                  CHT       SPEC HASH         CHTCTL    RESULT");
            foreach (var r in revisions)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Number,-9} {r.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {r.ChtVersion,-9} {r.SpecHash,-17} {r.ChtctlVersion,-9} {r.Result}"));
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
