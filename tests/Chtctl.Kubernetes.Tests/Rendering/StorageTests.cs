using Chtctl.Core.Spec;
using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Rendering;

/// <summary>One volume per CouchDB node, new or bound to an existing disk, as each platform provides it.</summary>
public sealed class StorageTests
{
    [Theory]
    [InlineData(KubernetesPlatform.K3s, "local-path")]
    [InlineData(KubernetesPlatform.K3d, "local-path")]
    [InlineData(KubernetesPlatform.Eks, "ebs-gp2")]
    [InlineData(KubernetesPlatform.Gke, "standard-rwo")]
    public void New_volumes_are_claimed_from_the_platforms_storage_class(KubernetesPlatform platform, string storageClass)
    {
        var objects = Instances.Objects(Instances.Spec(3, platform).WithStorage(s => s with { Size = "42Gi" }));

        Assert.Empty(objects.OfType<V1PersistentVolume>());
        foreach (var claim in objects.OfType<V1PersistentVolumeClaim>())
        {
            Assert.Equal(storageClass, claim.Spec.StorageClassName);
            Assert.Null(claim.Spec.VolumeName);
            Assert.Equal(["ReadWriteOnce"], claim.Spec.AccessModes);
            Assert.Equal("42Gi", claim.Spec.Resources.Requests["storage"].ToString());
        }
    }

    [Fact]
    public void The_instance_files_storage_class_wins()
    {
        var claim = Instances.Objects(Instances.Spec(1, KubernetesPlatform.K3s).WithStorage(s => s with { Class = "vmware-sc" }))
            .Single<V1PersistentVolumeClaim>("couchdb-claim0");

        Assert.Equal("vmware-sc", claim.Spec.StorageClassName);
    }

    [Fact]
    public void Existing_EBS_volumes_are_retained_volumes_bound_to_one_claim_each()
    {
        var ids = new[] { "vol-0123456789abcdef0", "vol-0123456789abcdef1", "vol-0123456789abcdef2" };
        var objects = Instances.Objects(Instances.Spec(3, KubernetesPlatform.Eks).WithStorage(s => s with { EbsVolumeIds = ids }));

        for (var node = 1; node <= 3; node++)
        {
            var volume = objects.Single<V1PersistentVolume>($"couchdb-pv-clinic-a-{node}");
            var claim = objects.Single<V1PersistentVolumeClaim>($"couchdb-{node}-claim0");
            Assert.Equal("ebs.csi.aws.com", volume.Spec.Csi.Driver);
            Assert.Equal(ids[node - 1], volume.Spec.Csi.VolumeHandle);
            AssertBound(volume, claim);
        }
    }

    [Fact]
    public void An_existing_GCE_disk_is_bound_by_disk_name()
    {
        var objects = Instances.Objects(Instances.Spec(1, KubernetesPlatform.Gke).WithStorage(s => s with { GceDisks = ["county-disk"] }));

        var volume = objects.Single<V1PersistentVolume>("couchdb-pv-clinic-a");
        Assert.Equal("county-disk", volume.Spec.GcePersistentDisk.PdName);
        AssertBound(volume, objects.Single<V1PersistentVolumeClaim>("couchdb-claim0"));
    }

    [Fact]
    public void Existing_host_directories_are_local_volumes_tied_to_the_pinned_machine()
    {
        var objects = Instances.Objects(Instances.Spec(3, KubernetesPlatform.K3s)
            .WithKubernetes(k => k with { Pinning = ["m1", "m2", "m3"] })
            .WithStorage(s => s with { HostPaths = ["/srv/a", "/srv/b", "/srv/c"] }));

        var volume = objects.Single<V1PersistentVolume>("couchdb-pv-clinic-a-2");
        Assert.Equal("/srv/b", volume.Spec.Local.Path);
        var requirement = Assert.Single(Assert.Single(volume.Spec.NodeAffinity.Required.NodeSelectorTerms).MatchExpressions);
        Assert.Equal(("kubernetes.io/hostname", "In"), (requirement.Key, requirement.OperatorProperty));
        Assert.Equal(["m2"], requirement.Values);
        AssertBound(volume, objects.Single<V1PersistentVolumeClaim>("couchdb-2-claim0"));
    }

    [Fact]
    public void An_unpinned_host_directory_must_already_exist()
    {
        var volume = Instances.Objects(Instances.Spec(1, KubernetesPlatform.K3d).WithStorage(s => s with { HostPaths = ["/var/lib/couchdb1"] }))
            .Single<V1PersistentVolume>("couchdb-pv-clinic-a");

        Assert.Equal("/var/lib/couchdb1", volume.Spec.HostPath.Path);
        Assert.Equal("Directory", volume.Spec.HostPath.Type);
    }

    [Fact]
    public void vSphere_disks_follow_Medics_naming()
    {
        var objects = Instances.Objects(Instances.Spec(3, KubernetesPlatform.K3s)
            .WithKubernetes(k => k with { Pinning = ["m1", "m2", "m3"] })
            .WithStorage(s => s with { Vsphere = new VsphereSpec { Datastore = "ds1", DiskPath = "cht" } }));

        var volume = objects.Single<V1PersistentVolume>("couchdb-pv-clinic-a-3");
        Assert.Equal("[ds1] cht/clinic-a-couchdb3", volume.Spec.VsphereVolume.VolumePath);
        AssertBound(volume, objects.Single<V1PersistentVolumeClaim>("couchdb-3-claim0"));
    }

    [Theory]
    [InlineData("data", "data")]
    [InlineData("node%d/data", "node2/data")]
    [InlineData("", null)]
    public void CouchDB_data_lives_at_the_data_sub_path_and_its_config_in_local_d(string dataSubPath, string? expected)
    {
        var deployment = Instances.Objects(Instances.Spec(3).WithStorage(s => s with { DataSubPath = dataSubPath }))
            .Single<V1Deployment>("cht-couchdb-2");

        var mounts = deployment.Container("cht-couchdb-2").VolumeMounts.ToDictionary(m => m.MountPath);
        Assert.Equal(expected, mounts["/opt/couchdb/data"].SubPath);
        Assert.Equal("local.d", mounts["/opt/couchdb/etc/local.d"].SubPath);
        Assert.All(mounts.Values, m => Assert.Equal("couchdb-2-claim0", m.Name));
        var volume = Assert.Single(deployment.Spec.Template.Spec.Volumes);
        Assert.Equal("couchdb-2-claim0", volume.PersistentVolumeClaim.ClaimName);
    }

    [Fact]
    public void Nouveau_keeps_its_indexes_on_its_CouchDB_nodes_volume()
    {
        var deployment = Instances.Objects(Instances.Spec(1, version: "5.2.0")).Single<V1Deployment>("cht-couchdb");

        var mount = Assert.Single(deployment.Container("cht-nouveau").VolumeMounts);
        Assert.Equal(("couchdb-claim0", "nouveau", "/data/nouveau"), (mount.Name, mount.SubPath, mount.MountPath));
    }

    [Fact]
    public void Pinning_puts_each_CouchDB_node_on_its_machine_and_leaves_the_rest_to_the_scheduler()
    {
        var objects = Instances.Objects(Instances.Spec(3).WithKubernetes(k => k with { Pinning = ["m1", "m2", "m3"] }));

        for (var node = 1; node <= 3; node++)
        {
            var selector = objects.Single<V1Deployment>($"cht-couchdb-{node}").Spec.Template.Spec.NodeSelector;
            Assert.Equal($"m{node}", Assert.Single(selector, s => s.Key == "kubernetes.io/hostname").Value);
        }

        Assert.All(objects.OfType<V1Deployment>().Where(d => !d.Metadata.Name.StartsWith("cht-couchdb", StringComparison.Ordinal)),
            d => Assert.Null(d.Spec.Template.Spec.NodeSelector));
    }

    [Fact]
    public void Without_pinning_no_pod_is_tied_to_a_machine()
    {
        var objects = Instances.Objects(Instances.Spec(3));

        Assert.All(objects.OfType<V1Deployment>(), d => Assert.Null(d.Spec.Template.Spec.NodeSelector));
    }

    private static void AssertBound(V1PersistentVolume volume, V1PersistentVolumeClaim claim)
    {
        Assert.Equal("Retain", volume.Spec.PersistentVolumeReclaimPolicy);
        Assert.Equal("", volume.Spec.StorageClassName);
        Assert.Equal("", claim.Spec.StorageClassName);
        Assert.Equal(volume.Metadata.Name, claim.Spec.VolumeName);
        Assert.Equal((claim.Metadata.NamespaceProperty, claim.Metadata.Name), (volume.Spec.ClaimRef.NamespaceProperty, volume.Spec.ClaimRef.Name));
        Assert.Equal(claim.Spec.Resources.Requests["storage"], volume.Spec.Capacity["storage"]);
        Assert.Null(volume.Metadata.NamespaceProperty);
    }
}
