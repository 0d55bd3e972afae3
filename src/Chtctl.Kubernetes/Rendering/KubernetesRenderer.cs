using Chtctl.Core.Rendering;
using Chtctl.Core.Secrets;
using Chtctl.Core.Spec;
using Chtctl.Core.Topology;
using k8s;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// Renders an instance as Kubernetes objects with the names of Medic's Helm charts, plus what the charts
/// lack: probes, resource requests, NetworkPolicies, a disruption budget for clustered CouchDB and
/// namespace-scoped access for the upgrade service. Pure: same topology and secrets, same bytes.
/// </summary>
public sealed class KubernetesRenderer : IRenderer
{
    /// <summary>One YAML file per object, named by apply order, kind and name.</summary>
    public RenderedTree Render(InstanceTopology topology, InstanceSecrets secrets) =>
        ManifestFiles.Write(Objects(topology, secrets));

    /// <summary>
    /// The typed objects in apply order, for the driver's server-side apply. Deployments carry their start
    /// wave in the <c>chtctl/wave</c> annotation.
    /// </summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects(InstanceTopology topology, InstanceSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(secrets);
        if (topology.Spec.Target != DeploymentTarget.Kubernetes)
            throw new ArgumentException($"instance '{topology.Name}' targets {topology.Spec.Target}, not Kubernetes", nameof(topology));
        return InstanceObjects.Build(topology, secrets);
    }
}
