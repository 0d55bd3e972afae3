using Chtctl.Core.Secrets;
using Chtctl.Core.Spec;
using Chtctl.Kubernetes.Rendering;
using Chtctl.Testing;
using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Rendering;

public sealed class DeterminismAndOrderTests
{
    public static TheoryData<string> Scenarios => Scenario.All();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Rendering_twice_gives_the_same_bytes(string name)
    {
        var scenario = Scenario.Named(name);

        var first = new KubernetesRenderer().Render(scenario.Topology(), Instances.RealLooking);
        var second = new KubernetesRenderer().Render(scenario.Topology(), Instances.RealLooking);

        Assert.Equal(first.Files.Select(f => f.Path), second.Files.Select(f => f.Path));
        Assert.Equal(first.Files.Select(f => f.Content), second.Files.Select(f => f.Content));
    }

    [Fact]
    public void Files_are_numbered_in_apply_order()
    {
        var topology = Instances.Topology(Instances.Spec(3)
            .WithStorage(s => s with { Vsphere = new VsphereSpec { Datastore = "ds", DiskPath = "cht" } })
            .WithKubernetes(k => k with { Pinning = ["m1", "m2", "m3"] }));

        var objects = new KubernetesRenderer().Objects(topology, InstanceSecrets.Redacted);
        var tree = new KubernetesRenderer().Render(topology, InstanceSecrets.Redacted);

        Assert.Equal(
            ["Namespace", "ServiceAccount", "Role", "RoleBinding", "Secret", "ConfigMap", "PersistentVolume", "PersistentVolumeClaim",
             "NetworkPolicy", "PodDisruptionBudget", "Service", "Deployment", "Ingress"],
            objects.Select(o => o.Kind).Distinct());
        Assert.Equal(Enumerable.Range(1, tree.Files.Count).Select(i => i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)),
            tree.Files.Select(f => f.Path[..2]));
        Assert.Equal("01-namespace-clinic-a.yaml", tree.Files.First().Path);
        Assert.Equal("37-ingress-api-ingress.yaml", tree.Files.Last().Path);
    }

    [Fact]
    public void Namespaced_objects_live_in_the_instances_namespace()
    {
        var spec = Instances.Spec(3, KubernetesPlatform.Eks).WithKubernetes(k => k with { Namespace = "cht-prod" })
            .WithStorage(s => s with { EbsVolumeIds = ["vol-0123456789abcdef0", "vol-0123456789abcdef1", "vol-0123456789abcdef2"] });

        var objects = Instances.Objects(spec);

        Assert.All(objects.Where(o => o is not V1Namespace and not V1PersistentVolume), o => Assert.Equal("cht-prod", o.Metadata.NamespaceProperty));
        Assert.Equal("cht-prod", objects.OfType<V1Namespace>().Single().Metadata.Name);
        Assert.Equal("couchdb-pv-cht-prod-2", objects.OfType<V1PersistentVolume>().ElementAt(1).Metadata.Name);
    }

    [Fact]
    public void A_Compose_instance_is_refused()
    {
        var topology = Instances.Topology(Instances.Spec(1) with { Target = DeploymentTarget.Compose, Tls = new TlsSpec(), Kubernetes = new KubernetesSpec() });

        Assert.Throws<ArgumentException>(() => new KubernetesRenderer().Render(topology, InstanceSecrets.Redacted));
    }
}
