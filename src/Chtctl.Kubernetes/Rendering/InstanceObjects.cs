using Chtctl.Core.Rendering.Haproxy;
using Chtctl.Core.Secrets;
using Chtctl.Core.Topology;
using k8s;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// Every object of an instance, in the order they are applied: what others refer to comes before what
/// refers to it (namespace, access, credentials and config, storage), policies before the pods they guard,
/// Services before Deployments, Deployments in start waves, and the public edge last, once there is
/// something behind it.
/// </summary>
internal static class InstanceObjects
{
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Build(InstanceTopology topology, InstanceSecrets secrets)
    {
        var pods = PodGroup.Of(topology);
        var renderedFiles = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TopologyBuilder.HaproxyConfigFile] = HaproxyConfigRenderer.Render(topology),
        };
        var storage = CouchDbStorage.Plan(topology);

        var objects = new List<IKubernetesObject<V1ObjectMeta>> { NamespaceBuilder.Build(topology) };
        objects.AddRange(UpgradeServiceAccess.Build(topology));
        objects.Add(CredentialsSecret.Build(topology, secrets));
        objects.Add(HaproxyConfigMap.Build(topology, renderedFiles[TopologyBuilder.HaproxyConfigFile]));
        objects.AddRange(storage.Select(s => s.Volume).OfType<V1PersistentVolume>());
        objects.AddRange(storage.Select(s => s.Claim));
        objects.AddRange(pods.Select(p => NetworkPolicyBuilder.Build(topology, p)));
        if (DisruptionBudgetBuilder.Build(topology) is { } budget)
            objects.Add(budget);
        objects.AddRange(ServiceBuilder.Build(topology));
        objects.AddRange(pods.Select(p => DeploymentBuilder.Build(topology, p, renderedFiles)));
        objects.Add(IngressBuilder.Build(topology));
        return objects;
    }
}
