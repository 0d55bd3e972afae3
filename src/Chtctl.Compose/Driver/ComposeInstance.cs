using Chtctl.Compose.Driver.State;
using Chtctl.Compose.Layout;
using Chtctl.Core.Secrets;
using Chtctl.Core.Spec;
using Chtctl.Core.Topology;

namespace Chtctl.Compose.Driver;

/// <summary>One Compose instance at one release, as the driver sees it: its topology, its home and its secrets.</summary>
/// <param name="Topology">The rendered-to-be instance.</param>
/// <param name="Secrets">Where its credentials are kept.</param>
/// <param name="FileDirectory">Where the instance file lives: relative <c>tls.certificateFile</c> paths are read from there.</param>
public sealed record ComposeInstance(InstanceTopology Topology, ISecretStore Secrets, string? FileDirectory)
{
    public InstanceSpec Spec => Topology.Spec;

    public string Name => Topology.Name;

    /// <summary>The Compose project name: the instance name, as <c>COMPOSE_PROJECT_NAME</c> in the rendered .env.</summary>
    public string Project => Topology.Name;

    public InstanceHomeLayout Layout => InstanceHomeLayout.For(Topology.Spec);

    public ProjectDirectory ProjectDirectory => new(Layout.Project);

    public string ChtVersion => Topology.Release.Version.ToString();
}
