using Chtctl.Compose.Rendering;
using Chtctl.Core.Rendering;
using Chtctl.Core.Spec;
using Chtctl.Kubernetes.Rendering;

namespace Chtctl.Cli.Instances;

/// <summary>The renderer of each target.</summary>
internal static class Renderers
{
    public static IRenderer For(DeploymentTarget target) => target switch
    {
        DeploymentTarget.Compose => new ComposeRenderer(),
        DeploymentTarget.Kubernetes => new KubernetesRenderer(),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };
}
