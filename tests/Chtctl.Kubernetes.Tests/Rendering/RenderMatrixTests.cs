using Chtctl.Core.Secrets;
using Chtctl.Core.Spec;
using Chtctl.Kubernetes.Rendering;
using k8s;
using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Rendering;

/// <summary>Every platform and storage choice, single and clustered, 4.x and 5.x, renders objects that load back.</summary>
public sealed class RenderMatrixTests
{
    public static TheoryData<string, int, string> Combinations()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var storage in Storages.Keys)
        {
            foreach (var nodes in new[] { 1, 3 })
            {
                foreach (var version in new[] { "4.22.0", "5.2.0" })
                    data.Add(storage, nodes, version);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Func<InstanceSpec, int, InstanceSpec>> Storages = new()
    {
        ["k3s new"] = (spec, _) => spec,
        ["k3d new"] = (spec, _) => spec.WithKubernetes(k => k with { Platform = KubernetesPlatform.K3d }),
        ["k3s host paths"] = (spec, n) => Pinned(spec, n).WithStorage(s => s with { HostPaths = Each(n, i => $"/srv/couchdb{i}") }),
        ["k3s vsphere"] = (spec, n) => Pinned(spec, n).WithStorage(s => s with { Vsphere = new VsphereSpec { Datastore = "ds", DiskPath = "cht" } }),
        ["eks new"] = (spec, _) => spec.WithKubernetes(k => k with { Platform = KubernetesPlatform.Eks }),
        ["eks volumes"] = (spec, n) => spec.WithKubernetes(k => k with { Platform = KubernetesPlatform.Eks })
            .WithStorage(s => s with { EbsVolumeIds = Each(n, i => $"vol-0123456789abcdef{i}") }),
        ["gke new"] = (spec, _) => spec.WithKubernetes(k => k with { Platform = KubernetesPlatform.Gke }),
        ["gke disks"] = (spec, n) => spec.WithKubernetes(k => k with { Platform = KubernetesPlatform.Gke })
            .WithStorage(s => s with { GceDisks = Each(n, i => $"disk-{i}") }),
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Renders_uniquely_named_objects_that_load_back(string storage, int nodes, string version)
    {
        var spec = Storages[storage](Instances.Spec(nodes, version: version), nodes);

        var tree = new KubernetesRenderer().Render(Instances.Topology(spec), Instances.RealLooking);

        var loaded = tree.Files.Select(f => Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(Assert.Single(KubernetesYaml.LoadAllFromString(f.Content)))).ToArray();
        Assert.Equal(loaded.Length, loaded.Select(o => (o.Kind, o.Metadata.Name)).Distinct().Count());
        Assert.Equal(nodes, loaded.OfType<V1PersistentVolumeClaim>().Count());
        Assert.Equal(storage.EndsWith(" new", StringComparison.Ordinal) ? 0 : nodes, loaded.OfType<V1PersistentVolume>().Count());
        Assert.Equal(version.StartsWith('5') ? nodes : 0, loaded.OfType<V1Service>().Count(s => s.Metadata.Name.StartsWith("nouveau", StringComparison.Ordinal)));
        Assert.Equal(nodes > 1 ? ["COUCHDB_ERLANG_COOKIE"] : [], loaded.OfType<V1Secret>().Single().StringData.Keys.Where(k => k == SecretKey.ErlangCookie.EnvName()));
    }

    private static InstanceSpec Pinned(InstanceSpec spec, int nodes) =>
        spec.WithKubernetes(k => k with { Pinning = Each(nodes, i => $"machine-{i}") });

    private static string[] Each(int nodes, Func<int, string> value) => Enumerable.Range(1, nodes).Select(value).ToArray();
}
