using Chtctl.Compose.Layout;
using Chtctl.Compose.Rendering.Nginx;
using Chtctl.Core.Rendering;
using Chtctl.Core.Rendering.Haproxy;
using Chtctl.Core.Secrets;
using Chtctl.Core.Spec;
using Chtctl.Core.Topology;

namespace Chtctl.Compose.Rendering;

/// <summary>
/// Renders a Compose instance as the project directory written to <see cref="InstanceHomeLayout.Project"/>:
/// <c>docker-compose.yml</c>, <c>.env</c> (the only private file), <c>haproxy/haproxy.cfg</c>,
/// <c>nginx/nginx.conf</c> and <c>nginx/error-pages/</c>. Pure: the same topology and secrets give the
/// same bytes.
/// </summary>
public sealed class ComposeRenderer : IRenderer
{
    public RenderedTree Render(InstanceTopology topology, InstanceSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(secrets);
        if (topology.Spec.Target != DeploymentTarget.Compose)
            throw new ArgumentException($"instance '{topology.Name}' targets {topology.Spec.Target}, not Compose", nameof(topology));

        var tree = new RenderedTree()
            .Add(ProjectFiles.HaproxyConfig, HaproxyConfigRenderer.Render(topology))
            .Add(ProjectFiles.NginxConfig, NginxConfigRenderer.Render(topology));
        foreach (var (name, content) in ErrorPages.Files())
            tree.Add($"{ProjectFiles.ErrorPages}/{name}", content);

        // Last, because services carry a hash of the config files they mount.
        tree.Add(ProjectFiles.ComposeFile, ComposeFile.Render(topology, InstanceHomeLayout.For(topology.Spec), tree));
        tree.Add(ProjectFiles.EnvFile, DotEnvFile.Render(topology, secrets), isPrivate: true);
        return tree;
    }
}
