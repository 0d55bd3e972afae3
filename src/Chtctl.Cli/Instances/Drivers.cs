using System.CommandLine;
using Chtctl.Cli.Output;
using Chtctl.Compose.Driver;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Core.Driving;
using Chtctl.Core.Spec;
using Chtctl.Kubernetes.Driver;
using Spectre.Console;

namespace Chtctl.Cli.Instances;

/// <summary>An instance file loaded and validated, with the driver of the target it names.</summary>
internal sealed record DrivenInstance(InstanceSpec Spec, LoadedInstance Loaded, IInstanceDriver Driver) : IDisposable
{
    public string Name => Spec.Name;

    public void Dispose() => Driver.Dispose();
}

/// <summary>
/// The one place that knows which driver serves which target: verbs ask for "the instance's driver" or
/// "the inventories" and never name a target themselves.
/// </summary>
internal static class Drivers
{
    /// <summary>Set inside the instance (the upgrade service's container): where the Compose edge gate finds nginx.</summary>
    public const string EdgeEndpointVariable = "CHTCTL_EDGE_ENDPOINT";

    /// <summary>
    /// The instance of a driving verb, ready for its driver; on an invalid file prints why and returns the exit
    /// code instead. <paramref name="bringingUp"/>: the built-in instance picks its free ports on its first <c>up</c>.
    /// </summary>
    public static async Task<(DrivenInstance? Instance, int ExitCode)> OpenAsync(CliContext context, ParseResult parse, ClusterOptions cluster, string? file, bool bringingUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var loaded = InstanceLoader.Load(context, file);
        DiagnosticsPrinter.Print(context, loaded.Result.Diagnostics);
        if (loaded.Result.Spec is null || loaded.Result.Diagnostics.Any(d => d.IsError))
        {
            context.Console.MarkupLine($"[red]{Markup.Escape(loaded.Source)} is not valid[/]: {DiagnosticsPrinter.Summary(loaded.Result.Diagnostics)}; nothing was changed");
            return (null, ExitCodes.InvalidInput);
        }
        if (bringingUp && loaded.IsBuiltIn)
            loaded = BuiltInInstance.WithFreePorts(context, loaded);
        var spec = loaded.Result.Spec!;
        // An unknown cht.version fails here, before any target is reached.
        await Releases.ResolveAsync(spec, online: false, cancellationToken).ConfigureAwait(false);
        var reporter = new ConsoleReporter(context);
        IInstanceDriver driver = spec.Target switch
        {
            DeploymentTarget.Kubernetes => new KubernetesDriver(spec, cluster.Open(context, parse, spec.Kubernetes.Context),
                new KubernetesDriverSettings { ChtctlVersion = ChtctlInfo.Version }, reporter, context.Clock),
            _ => new ComposeDriver(spec, loaded.IsBuiltIn ? null : Path.GetDirectoryName(context.Resolve(loaded.Source)),
                EngineEndpoint.FromEnvironment(context.Environment),
                new ComposeDriverSettings { ChtctlVersion = ChtctlInfo.Version, EdgeEndpoint = context.Environment(EdgeEndpointVariable) },
                reporter, context.Clock),
        };
        return (new DrivenInstance(spec, loaded, driver), ExitCodes.Success);
    }

    /// <summary>The inventory of one target: this host's engine, or the cluster the kubeconfig names.</summary>
    public static IInstanceInventory Inventory(CliContext context, ParseResult parse, ClusterOptions cluster, DeploymentTarget target) => target switch
    {
        DeploymentTarget.Kubernetes => new KubernetesInventory(cluster.Open(context, parse, null)),
        _ => new ComposeInventory(EngineEndpoint.FromEnvironment(context.Environment)),
    };

    /// <summary>Whether failing to reach a target means "this machine has none" (skipped in a listing of every target) rather than an error.</summary>
    public static bool IsAbsent(Exception e) => e is EngineUnavailableException or KubeconfigException;
}
