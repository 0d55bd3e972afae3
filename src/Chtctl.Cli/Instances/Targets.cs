using Chtctl.Cli.Output;
using Chtctl.Core.Spec;
using Spectre.Console;

namespace Chtctl.Cli.Instances;

/// <summary>An instance file loaded for a verb that drives a target: exactly one of the two is set.</summary>
internal sealed record Target(InstanceSpec Spec, LoadedInstance Loaded, KubernetesTarget? Kubernetes, ComposeTarget? Compose);

/// <summary>Loads and validates the instance file of a driving verb, and prepares the target it names.</summary>
internal static class Targets
{
    /// <summary>The instance ready for its driver; on failure prints why and returns the exit code instead.</summary>
    public static async Task<(Target? Target, int ExitCode)> LoadAsync(CliContext context, string? file, CancellationToken cancellationToken)
    {
        var loaded = InstanceLoader.Load(context, file);
        DiagnosticsPrinter.Print(context, loaded.Result.Diagnostics);
        if (loaded.Result.Spec is not { } spec || loaded.Result.Diagnostics.Any(d => d.IsError))
        {
            context.Console.MarkupLine($"[red]{Markup.Escape(loaded.Source)} is not valid[/]: {DiagnosticsPrinter.Summary(loaded.Result.Diagnostics)}; nothing was changed");
            return (null, ExitCodes.InvalidInput);
        }
        var target = spec.Target == DeploymentTarget.Kubernetes
            ? new Target(spec, loaded, await KubernetesTarget.CreateAsync(spec, cancellationToken).ConfigureAwait(false), null)
            : new Target(spec, loaded, null, await ComposeTarget.CreateAsync(context, spec, loaded, cancellationToken).ConfigureAwait(false));
        return (target, ExitCodes.Success);
    }
}
