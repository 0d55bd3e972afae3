using Chtctl.Core.Rendering.Haproxy;
using Chtctl.Core.Secrets;
using Chtctl.Kubernetes.Rendering;
using k8s;
using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Rendering;

/// <summary>The YAML chtctl writes for typed objects reads back as the same objects.</summary>
public sealed class ManifestYamlTests
{
    [Fact]
    public void Haproxy_config_in_its_configmap_reads_back_byte_for_byte()
    {
        var topology = Instances.Topology(Instances.Spec(nodes: 3));
        var tree = new KubernetesRenderer().Render(topology, InstanceSecrets.Redacted);
        var file = tree.Files.Single(f => f.Path.Contains("-configmap-", StringComparison.Ordinal));

        var configMap = Assert.IsType<V1ConfigMap>(KubernetesYaml.LoadAllFromString(file.Content).Single());

        Assert.Contains("haproxy.cfg: |", file.Content, StringComparison.Ordinal);
        Assert.Equal(HaproxyConfigRenderer.Render(topology), configMap.Data["haproxy.cfg"]);
    }

    [Fact]
    public void Every_object_reads_back_equal_to_what_was_rendered()
    {
        var renderer = new KubernetesRenderer();
        var topology = Instances.Topology(Instances.Spec(nodes: 3, version: "5.2.0"));

        foreach (var obj in renderer.Objects(topology, Instances.RealLooking))
        {
            var loaded = KubernetesYaml.LoadAllFromString(ManifestYaml.Write(obj)).Single();
            Assert.Equal(KubernetesJson.Serialize(obj), KubernetesJson.Serialize(loaded));
        }
    }
}
