using Chtctl.Core.Driving;
using Chtctl.Core.Spec;

namespace Chtctl.Kubernetes.Driver;

/// <summary>The instances in a cluster, found by the labels chtctl puts on each instance's namespace.</summary>
public sealed class KubernetesInventory(KubeApi api) : IInstanceInventory
{
    public async Task<IReadOnlyList<ListedInstance>> ListAsync(CancellationToken cancellationToken)
    {
        var instances = await InstanceStatus.ListAsync(api, cancellationToken).ConfigureAwait(false);
        // Health would need each instance's chain through the proxy: 'chtctl status' asks it of one instance.
        return [.. instances.Select(i => new ListedInstance(i.Name, Targets.Name(DeploymentTarget.Kubernetes), $"namespace {i.Namespace}", i.ChtVersion, "-"))];
    }

    public void Dispose() => api.Dispose();
}
