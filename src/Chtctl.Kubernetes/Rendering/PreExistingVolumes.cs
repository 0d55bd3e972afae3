using Chtctl.Core.Spec;
using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// Where a CouchDB node's existing disk is, per platform (reference §13.3 and §14): an EBS volume, a GCE
/// persistent disk, a vSphere disk or a host directory. Null when the node gets a new, provisioned volume.
/// </summary>
internal static class PreExistingVolumes
{
    public const string EbsCsiDriver = "ebs.csi.aws.com";

    /// <summary>The volume source (and node affinity) of node <paramref name="node"/>'s PersistentVolume, or null.</summary>
    public static V1PersistentVolumeSpec? SourceOf(InstanceTopology topology, int node)
    {
        var kubernetes = topology.Spec.Kubernetes;
        var storage = kubernetes.Storage;
        var index = node - 1;
        return kubernetes.Platform switch
        {
            KubernetesPlatform.Eks when storage.EbsVolumeIds.Count > 0 => new V1PersistentVolumeSpec
            {
                Csi = new V1CSIPersistentVolumeSource { Driver = EbsCsiDriver, VolumeHandle = storage.EbsVolumeIds[index], FsType = "ext4" },
            },
            KubernetesPlatform.Gke when storage.GceDisks.Count > 0 => new V1PersistentVolumeSpec
            {
                GcePersistentDisk = new V1GCEPersistentDiskVolumeSource { PdName = storage.GceDisks[index], FsType = "ext4" },
            },
            KubernetesPlatform.K3s or KubernetesPlatform.K3d when storage.Vsphere is { } vsphere => new V1PersistentVolumeSpec
            {
                // Medic's disk naming: one disk per instance and node, "[datastore] folder/<namespace>-couchdbN".
                VsphereVolume = new V1VsphereVirtualDiskVolumeSource
                {
                    VolumePath = $"[{vsphere.Datastore}] {vsphere.DiskPath}/{topology.Namespace}-couchdb{node}",
                    FsType = "ext4",
                },
            },
            KubernetesPlatform.K3s or KubernetesPlatform.K3d when storage.HostPaths.Count > 0 =>
                HostDirectory(storage.HostPaths[index], kubernetes.Pinning.Count > index ? kubernetes.Pinning[index] : null),
            _ => null,
        };
    }

    /// <summary>
    /// A directory on one machine. Pinned: a <c>local</c> volume whose node affinity keeps the pod on the machine
    /// that has the data. Unpinned (validation allows it for a single node, e.g. a one-machine k3s): a hostPath
    /// of type Directory, so a mistyped path fails to mount instead of starting CouchDB on an empty directory.
    /// </summary>
    private static V1PersistentVolumeSpec HostDirectory(string path, string? machine) => machine is null
        ? new V1PersistentVolumeSpec { HostPath = new V1HostPathVolumeSource { Path = path, Type = "Directory" } }
        : new V1PersistentVolumeSpec
        {
            Local = new V1LocalVolumeSource { Path = path },
            NodeAffinity = new V1VolumeNodeAffinity
            {
                Required = new V1NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new V1NodeSelectorTerm
                        {
                            MatchExpressions = [new V1NodeSelectorRequirement { Key = ObjectLabels.MachineHostname, OperatorProperty = "In", Values = [machine] }],
                        },
                    ],
                },
            },
        };
}
