using System.CommandLine;
using Chtctl.Core.Reporting;
using Chtctl.Core.Spec;
using Chtctl.Core.Topology;
using Chtctl.Kubernetes.Driver;
using Chtctl.Kubernetes.Rendering;
using Spectre.Console;

namespace Chtctl.Cli.Instances;

/// <summary><c>--context</c> and <c>--kubeconfig</c>, shared by every verb that talks to a cluster.</summary>
internal sealed class ClusterOptions
{
    public Option<string?> Context { get; } = new("--context")
    {
        Description = "kubeconfig context to use, overriding kubernetes.context in the instance file.",
        HelpName = "NAME",
    };

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config, then in-cluster configuration.",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Add(Context);
        command.Add(Kubeconfig);
    }

    public KubeApi Open(CliContext context, ParseResult parse, string? instanceContext) =>
        ClusterConnection.Open(
            new ConnectionOptions(parse.GetValue(Kubeconfig) is { } path ? context.Resolve(path) : null, parse.GetValue(Context) ?? instanceContext),
            context.Environment);
}

/// <summary>An instance file loaded for a cluster verb: validated, Kubernetes-targeted, rendered on demand.</summary>
internal sealed record KubernetesTarget(InstanceSpec Spec, InstanceTopology Topology, InstanceRef Instance)
{
    /// <summary>The instance's topology at its offline-resolved release; the cluster pins it further (<see cref="PinnedToHistoryAsync"/>).</summary>
    public static async Task<KubernetesTarget> CreateAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        var release = await Releases.ResolveAsync(spec, online: false, cancellationToken).ConfigureAwait(false);
        var topology = TopologyBuilder.Build(spec, release);
        return new KubernetesTarget(spec, topology, new InstanceRef(spec.Name, topology.Namespace));
    }

    public string ChtVersion => Topology.Release.Version.ToString();

    /// <summary>
    /// The instance with <c>cht.version</c> resolved against the version it last ran successfully: a line
    /// (<c>4.x</c>) or <c>latest</c> stays on the release it was first applied with, so an instance never moves
    /// release because chtctl learnt of a newer one; only an exact version in the file (an upgrade) moves it.
    /// </summary>
    public async Task<KubernetesTarget> PinnedToHistoryAsync(KubeApi api, CancellationToken cancellationToken)
    {
        var revisions = await new RevisionHistory(api, Instance).ListAsync(cancellationToken).ConfigureAwait(false);
        var last = revisions.Where(r => r.Succeeded).MaxBy(r => r.Number);
        if (last is null || !Core.Versions.ChtVersion.TryParse(last.ChtVersion, out var pinned)
            || !Core.Versions.VersionRequest.TryParse(Spec.Cht.Version, out var request))
            return this;
        var release = new Core.Versions.ReleaseCatalogue(Spec.Cht.Registry).Resolve(request, pinned);
        return release.Version == Topology.Release.Version ? this : this with { Topology = TopologyBuilder.Build(Spec, release) };
    }

    public IReadOnlyList<DesiredObject> Render(Core.Secrets.InstanceSecrets secrets) =>
        DesiredObject.FromAll(new KubernetesRenderer().Objects(Topology, secrets));

    /// <summary>StorageClasses the instance's new volumes are provisioned from (claims bound to a named volume need none).</summary>
    public PreflightRequirements Requirements(IReadOnlyList<DesiredObject> objects) => new(
        [.. objects.Where(o => o.Kind == ResourceKind.PersistentVolumeClaim)
            .Where(o => o.Body["spec"]?["volumeName"] is null)
            .Select(o => o.Body["spec"]?["storageClassName"]?.GetValue<string>())
            .OfType<string>()
            .Where(c => c.Length > 0)],
        Spec.Kubernetes.Pinning);
}

/// <summary>The driver's progress as lines on the console (standard error), as they happen.</summary>
internal sealed class ConsoleReporter(CliContext context) : IDriverReporter
{
    public void Step(string message) => context.Console.MarkupLine(Markup.Escape(message));

    public void Warn(string message) => context.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
}
