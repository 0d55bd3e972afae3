using System.Security.Cryptography;
using System.Text;
using Chtctl.Compose.Driver;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Layout;
using Chtctl.Compose.State;
using Chtctl.Core.Spec;
using Chtctl.Core.Topology;
using Chtctl.Core.Versions;
using Chtctl.Core.Writing;

namespace Chtctl.Cli.Instances;

/// <summary>
/// A Compose instance for a driving verb: its topology at the release it should run — a version line
/// (<c>4.x</c>) or <c>latest</c> stays on the release of the last successful change, as on Kubernetes —
/// and a driver against the engine <c>DOCKER_HOST</c> names.
/// </summary>
internal sealed record ComposeTarget(ComposeInstance Instance, string SpecHash)
{
    public static async Task<ComposeTarget> CreateAsync(CliContext context, InstanceSpec spec, LoadedInstance loaded, CancellationToken cancellationToken)
    {
        var release = await Releases.ResolveAsync(spec, online: false, cancellationToken).ConfigureAwait(false);
        var layout = InstanceHomeLayout.For(spec);
        var last = new Compose.Driver.State.ComposeHistory(layout.History).LastSuccess();
        if (last is not null && ChtVersion.TryParse(last.ChtVersion, out var pinned) && VersionRequest.TryParse(spec.Cht.Version, out var request))
            release = new ReleaseCatalogue(spec.Cht.Registry).Resolve(request, pinned);
        var topology = TopologyBuilder.Build(spec, release);
        var directory = loaded.IsBuiltIn ? null : Path.GetDirectoryName(context.Resolve(loaded.Source));
        return new ComposeTarget(new ComposeInstance(topology, new FileSecretStore(layout), directory), Hash(spec));
    }

    /// <summary>Set inside the instance (the upgrade service's container): where the edge gate finds nginx.</summary>
    public const string EdgeEndpointVariable = "CHTCTL_EDGE_ENDPOINT";

    public string Name => Instance.Name;

    public ComposeDriver Driver(CliContext context, TimeSpan timeout, bool allowDowngrade = false) => new(
        Instance,
        EngineEndpoint.FromEnvironment(context.Environment),
        Options(context, timeout, allowDowngrade),
        new ConsoleReporter(context),
        context.Clock);

    public ComposeDriverOptions Options(CliContext context, TimeSpan timeout, bool allowDowngrade) =>
        new() { GateTimeout = timeout, ChtctlVersion = ChtctlInfo.Version, SpecHash = SpecHash, AllowDowngrade = allowDowngrade, EdgeEndpoint = context.Environment(EdgeEndpointVariable) };

    /// <summary>A short hash of the effective settings, as the instance file writer spells them (the spec holds no secrets).</summary>
    private static string Hash(InstanceSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(InstanceFileWriter.Write(spec, ""))))[..16];
}
