using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>How each kind of mount is provided in a pod: CouchDB storage from its claim, rendered files from a ConfigMap.</summary>
internal static class PodVolumes
{
    public static V1VolumeMount MountOf(InstanceTopology topology, Mount mount) => mount.Volume switch
    {
        Volume.CouchDbStorage storage => new V1VolumeMount
        {
            Name = ObjectNames.StorageVolume(topology, storage.Node),
            MountPath = mount.Path,
            SubPath = CouchDbStorage.SubPath(topology, storage.Part, storage.Node),
            ReadOnlyProperty = mount.ReadOnly ? true : null,
        },
        // One key of the ConfigMap as one file, leaving the rest of the image's directory in place.
        Volume.ConfigFile file => new V1VolumeMount
        {
            Name = ConfigVolumeName(file),
            MountPath = mount.Path,
            SubPath = file.FileName,
            ReadOnlyProperty = mount.ReadOnly ? true : null,
        },
        _ => throw Unsupported(mount),
    };

    /// <summary>The pod's volumes, one per distinct source its containers mount, in name order.</summary>
    public static IList<V1Volume>? VolumesOf(InstanceTopology topology, PodGroup pod)
    {
        var volumes = pod.Containers.SelectMany(c => c.Mounts)
            .Select(m => VolumeOf(topology, m))
            .DistinctBy(v => v.Name)
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
        return volumes.Count == 0 ? null : volumes;
    }

    /// <summary>The rendered files mounted from ConfigMaps, so the pod can restart when one changes.</summary>
    public static IEnumerable<string> ConfigFilesOf(PodGroup pod) =>
        pod.Containers.SelectMany(c => c.Mounts).Select(m => m.Volume).OfType<Volume.ConfigFile>()
            .Select(f => f.FileName).Distinct().Order(StringComparer.Ordinal);

    private static V1Volume VolumeOf(InstanceTopology topology, Mount mount) => mount.Volume switch
    {
        Volume.CouchDbStorage storage => new V1Volume
        {
            Name = ObjectNames.StorageVolume(topology, storage.Node),
            PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = ObjectNames.Claim(topology, storage.Node) },
        },
        Volume.ConfigFile file => new V1Volume
        {
            Name = ConfigVolumeName(file),
            ConfigMap = new V1ConfigMapVolumeSource { Name = ConfigMapOf(file) },
        },
        _ => throw Unsupported(mount),
    };

    /// <summary>The ConfigMap holding a rendered file. Kubernetes renders only haproxy.cfg: the Ingress replaces nginx.</summary>
    public static string ConfigMapOf(Volume.ConfigFile file) => file.FileName == TopologyBuilder.HaproxyConfigFile
        ? ObjectNames.HaproxyConfigMap
        : throw new NotSupportedException($"no ConfigMap renders {file.FileName} on Kubernetes");

    private static string ConfigVolumeName(Volume.ConfigFile file) => ConfigMapOf(file);

    private static NotSupportedException Unsupported(Mount mount) =>
        new($"{mount.Volume.GetType().Name} mounted at {mount.Path} has no Kubernetes equivalent (Compose only)");
}
