using System.CommandLine;
using System.Text.RegularExpressions;
using Chtctl.Cli.Output;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;
using Chtctl.Core.Validation;
using Chtctl.Core.Writing;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl init</c>: writes a commented instance file. At a terminal it asks for whatever the flags
/// did not give; in scripts it takes flags and defaults. The result is validated before it is written.
/// </summary>
internal sealed partial class InitVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = new Option<string>("--file", "-f") { Description = "Instance file to write.", DefaultValueFactory = _ => "chtctl.yaml" };
        var name = new Option<string?>("--name") { Description = "Instance name (a DNS label). Default: from the current directory." };
        var target = TargetOption.Create();
        target.Description = "Where the instance runs: compose (default) or kubernetes.";
        var version = new Option<string?>("--version") { Description = "CHT version: exact (4.22.0), a line (4.x, 5.x) or latest." };
        var host = new Option<string?>("--host") { Description = "Public host name of the instance." };
        var nodes = new Option<int?>("--nodes") { Description = "CouchDB nodes: 1, or 3 and more." };
        var platform = new Option<string?>("--platform") { Description = "Kubernetes platform: k3s, k3d, eks or gke." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command("init", "Write a commented instance file (asks at a terminal, takes flags otherwise).")
        {
            file, name, target, version, host, nodes, platform, force,
        };
        command.SetAction(parse =>
        {
            var path = context.Resolve(parse.GetValue(file)!);
            if (File.Exists(path) && !parse.GetValue(force))
            {
                context.Console.MarkupLine($"[red]{Markup.Escape(parse.GetValue(file)!)} already exists[/]; pass --force to replace it, or --file to write elsewhere");
                return ExitCodes.Failure;
            }

            var ask = new Answers(context);
            var spec = new InstanceSpec
            {
                Name = parse.GetValue(name) ?? ask.Text("Instance name", DefaultName(context.WorkingDirectory)),
                Target = parse.GetValue(target) ?? ask.Choice("Target", DeploymentTarget.Compose, Enum.GetValues<DeploymentTarget>()),
            };
            spec = spec with
            {
                Cht = spec.Cht with { Version = parse.GetValue(version) ?? ask.Text("CHT version (exact, 4.x, 5.x or latest)", "latest") },
                Couchdb = spec.Couchdb with { Nodes = parse.GetValue(nodes) ?? ask.Number("CouchDB nodes (1, or 3 and more)", 1) },
                Tls = spec.Tls with { Host = parse.GetValue(host) ?? ask.Text("Public host name", spec.Target == DeploymentTarget.Kubernetes ? $"{spec.Name}.example.org" : "localhost") },
            };
            if (spec.Target == DeploymentTarget.Kubernetes)
            {
                var platformValue = parse.GetValue(platform) is { } p
                    ? Enum.GetValues<KubernetesPlatform>().FirstOrDefault(v => SpecNaming.EnumValueOf(v) == p, (KubernetesPlatform)(-1))
                    : ask.Choice("Kubernetes platform", KubernetesPlatform.K3s, Enum.GetValues<KubernetesPlatform>());
                if (!Enum.IsDefined(platformValue))
                {
                    context.Console.MarkupLine($"[red]--platform must be k3s, k3d, eks or gke, not '{Markup.Escape(parse.GetValue(platform)!)}'[/]");
                    return ExitCodes.Usage;
                }

                spec = spec with { Kubernetes = spec.Kubernetes with { Platform = platformValue } };
            }

            var diagnostics = InstanceSpecValidator.Validate(spec, new SourceMap { File = "(init)" });
            DiagnosticsPrinter.Print(context, diagnostics);
            if (diagnostics.Any(d => d.IsError))
            {
                context.Console.MarkupLine("[red]nothing was written[/]: fix the values above and run init again");
                return ExitCodes.InvalidInput;
            }

            InstanceFiles.Write(path, InstanceFileWriter.Write(spec, $"Written by chtctl init {ChtctlInfo.Version}. Every key: docs/instance-file.md"), InstanceFiles.Readable);
            context.Console.MarkupLine(Markup.Escape($"Wrote {parse.GetValue(file)}; check it with 'chtctl validate {parse.GetValue(file)}'"));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The working directory's name as a DNS label, so `init` in /srv/clinic-a suggests clinic-a.</summary>
    internal static string DefaultName(string directory)
    {
        var label = NonLabel().Replace(Path.GetFileName(directory.TrimEnd('/')).ToLowerInvariant(), "-").Trim('-');
        return label.Length is > 0 and <= 63 ? label : "cht";
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NonLabel();

    /// <summary>Asks at a terminal; elsewhere takes the default without asking.</summary>
    private sealed class Answers(CliContext context)
    {
        public string Text(string question, string fallback) =>
            context.IsInteractive || context.ConsoleOverride is not null
                ? context.Console.Prompt(new TextPrompt<string>(question).DefaultValue(fallback))
                : fallback;

        public int Number(string question, int fallback) =>
            context.IsInteractive || context.ConsoleOverride is not null
                ? context.Console.Prompt(new TextPrompt<int>(question).DefaultValue(fallback))
                : fallback;

        public T Choice<T>(string question, T fallback, IEnumerable<T> choices) where T : struct, Enum =>
            context.IsInteractive || context.ConsoleOverride is not null
                ? context.Console.Prompt(new SelectionPrompt<T>().Title(question).UseConverter(v => SpecNaming.EnumValueOf(v)).AddChoices(choices.OrderBy(c => !c.Equals(fallback))))
                : fallback;
    }
}
