using System.CommandLine;
using Chtctl.Cli.Output;
using Chtctl.Compose.State;
using Chtctl.Core.Import;
using Chtctl.Core.Spec;
using Chtctl.Core.Writing;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl import SOURCE</c>: turns a Helm values file or a Docker <c>.env</c> into an instance file
/// plus a 0600 secrets file with the credentials it carried. Nothing is written when the source has errors.
/// </summary>
internal sealed class ImportVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var source = new Argument<string>("source") { Description = "Helm values file (cht-chart-4x or the 4.22/5.x chart) or Docker .env file." };
        var format = new Option<ImportFormat?>("--format")
        {
            Description = "Source format when it cannot be told from the file: helm or env.",
            HelpName = "helm|env",
            CustomParser = result => result.Tokens[0].Value switch
            {
                "helm" => ImportFormat.HelmValues,
                "env" => ImportFormat.DockerEnv,
                var other => Fail(result, $"--format must be helm or env, not '{other}'"),
            },
        };
        var version = new Option<string?>("--version") { Description = "CHT version running now (a .env does not record it)." };
        var file = new Option<string>("--file", "-f") { Description = "Instance file to write.", DefaultValueFactory = _ => "chtctl.yaml" };
        var force = new Option<bool>("--force") { Description = "Overwrite the instance file and its secrets file if they exist." };
        var output = OutputOptions.Create();
        var command = new Command("import", "Create an instance file from a Helm values file or a Docker .env, keeping its secrets.")
        {
            source, format, version, file, force, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sourcePath = parse.GetValue(source)!;
            if (!File.Exists(context.Resolve(sourcePath)))
            {
                context.Console.MarkupLine($"[red]{Markup.Escape(sourcePath)}: file not found[/]");
                return ExitCodes.InvalidInput;
            }

            var result = Importer.Import(File.ReadAllText(context.Resolve(sourcePath)), sourcePath,
                new ImportOptions { Format = parse.GetValue(format), ChtVersion = parse.GetValue(version) });
            var target = context.Resolve(parse.GetValue(file)!);
            var secretsPath = InstanceFiles.SecretsPathFor(target);
            var json = parse.GetValue(output) == OutputFormat.Json;

            DiagnosticsPrinter.Print(context, result.Diagnostics);
            var exit = Decide(result, target, secretsPath, parse.GetValue(force), out var problem);
            if (exit == ExitCodes.Success)
            {
                InstanceFiles.Write(target, InstanceFileWriter.Write(result.Spec!, $"Imported by chtctl {ChtctlInfo.Version} from {Path.GetFileName(sourcePath)}."), InstanceFiles.Readable);
                if (!result.Secrets.IsEmpty)
                    await new FileSecretStore(secretsPath).SaveAsync(result.Secrets.Complete(), cancellationToken).ConfigureAwait(false);
                context.Console.MarkupLine(Markup.Escape($"Wrote {parse.GetValue(file)}" + (result.Secrets.IsEmpty ? " (the source carried no secrets)" : $" and {Path.GetFileName(secretsPath)} (mode 0600, keep it private)")));
            }
            else
            {
                context.Console.MarkupLine($"[red]{Markup.Escape(problem!)}[/]");
            }

            if (json)
            {
                Json.Write(context.Out, new
                {
                    source = sourcePath,
                    format = result.Format?.ToString(),
                    written = exit == ExitCodes.Success,
                    file = exit == ExitCodes.Success ? target : null,
                    secretsFile = exit == ExitCodes.Success && !result.Secrets.IsEmpty ? secretsPath : null,
                    diagnostics = result.Diagnostics.Select(DiagnosticsPrinter.ToJson),
                });
            }

            return exit;
        });
        return command;
    }

    private static int Decide(ImportResult result, string target, string secretsPath, bool force, out string? problem)
    {
        problem = null;
        if (!result.Succeeded)
        {
            problem = $"{DiagnosticsPrinter.Summary(result.Diagnostics)}: fix the source and import again; nothing was written";
            return ExitCodes.InvalidInput;
        }

        if (!force && InstanceFiles.FirstExisting(target, secretsPath) is { } existing)
        {
            problem = $"{existing} already exists; choose another --file or pass --force to replace it";
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static ImportFormat? Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }
}
