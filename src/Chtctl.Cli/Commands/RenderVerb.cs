using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Chtctl.Core.Secrets;
using Chtctl.Core.Topology;
using Chtctl.Core.Validation;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl render</c>: the exact files chtctl would apply (Compose project or Kubernetes objects),
/// to a directory or standard output. Secrets are redacted unless <c>--include-secrets</c>.
/// </summary>
internal sealed class RenderVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var target = TargetOption.Create();
        var output = new Option<string>("--output", "-o")
        {
            Description = "Directory to write the rendered files into, or - for one stream on standard output.",
            DefaultValueFactory = _ => "-",
            HelpName = "DIR|-",
        };
        var includeSecrets = new Option<bool>("--include-secrets")
        {
            Description = "Write real secrets (from the instance's secret store, created on first use) instead of <redacted>.",
        };
        var online = new Option<bool>("--online")
        {
            Description = "Resolve the CHT release and its image tags on the builds server instead of the offline naming rule.",
        };
        var command = new Command("render", "Write the files chtctl would apply for an instance, without applying them.")
        {
            file, target, output, includeSecrets, online,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = InstanceLoader.Load(context, parse.GetValue(file));
            var diagnostics = loaded.Result.Diagnostics.ToList();
            var spec = loaded.Result.Spec;
            if (spec is not null && parse.GetValue(target) is { } chosen && chosen != spec.Target)
            {
                spec = spec with { Target = chosen };
                diagnostics = [.. InstanceSpecValidator.Validate(spec, loaded.Result.Map)];
            }

            DiagnosticsPrinter.Print(context, diagnostics);
            if (spec is null || diagnostics.Any(d => d.IsError))
            {
                context.Console.MarkupLine($"[red]{Markup.Escape(loaded.Source)} is not valid[/]: {DiagnosticsPrinter.Summary(diagnostics)}; nothing was written");
                return ExitCodes.InvalidInput;
            }

            try
            {
                var release = await Releases.ResolveAsync(spec, parse.GetValue(online), cancellationToken).ConfigureAwait(false);
                var topology = TopologyBuilder.Build(spec, release);
                var secrets = parse.GetValue(includeSecrets)
                    ? await SecretStores.For(spec).LoadOrCreateAsync(cancellationToken).ConfigureAwait(false)
                    : InstanceSecrets.Redacted;
                var tree = Renderers.For(spec.Target).Render(topology, secrets);

                var destination = parse.GetValue(output)!;
                if (destination == "-")
                    await context.Out.WriteAsync(tree.ToStream()).ConfigureAwait(false);
                else
                    RenderedTreeWriter.Write(tree, context.Resolve(destination));

                var where = destination == "-" ? "standard output" : destination;
                var targetName = Core.Parsing.SpecNaming.EnumValueOf(spec.Target);
                context.Console.MarkupLine(Markup.Escape(
                    $"Rendered {tree.Files.Count} files for '{spec.Name}' ({targetName}, CHT {release.Version}) to {where}"
                    + (secrets.IsRedacted ? "; secrets shown as <redacted> (use --include-secrets to write them)" : "")));
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is RenderTargetException or SecretStoreUnavailableException
                or Core.Versions.ReleaseNotFoundException or CouchDb.Builds.ReleaseSourceUnavailableException)
            {
                context.Console.MarkupLine($"[red]render failed:[/] {Markup.Escape(e.Message)}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
