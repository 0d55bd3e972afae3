using System.Globalization;
using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>One CouchDB node's storage: its claim and, for an existing disk, the volume the claim is bound to.</summary>
internal sealed record NodeStorage(int Node, V1PersistentVolumeClaim Claim, V1PersistentVolume? Volume);

/// <summary>
/// One volume per CouchDB node holds everything the node keeps (reference §13.3): data at
/// <c>dataSubPath</c>, <c>local.d</c> (the persisted admin, secret and uuid) and, on 5.x, nouveau's indexes.
/// New volumes come from the platform's StorageClass; existing disks get a PersistentVolume each, kept on
/// release (<c>Retain</c>) and bound to exactly one claim from both sides.
/// </summary>
internal static class CouchDbStorage
{
    private const string ReadWriteOnce = "ReadWriteOnce";

    public static IReadOnlyList<NodeStorage> Plan(InstanceTopology topology) =>
        topology.ByRole(ComponentRole.CouchDb)
            .Select(couchdb => Node(topology, couchdb))
            .ToArray();

    /// <summary>
    /// Where a part of the node's storage lives inside its volume: <c>dataSubPath</c> with <c>%d</c> as the
    /// node number (null, the volume root, for <c>""</c>), <c>local.d</c>, or <c>nouveau</c>.
    /// </summary>
    public static string? SubPath(InstanceTopology topology, CouchDbStoragePart part, int node) => part switch
    {
        CouchDbStoragePart.Data => topology.Spec.Kubernetes.Storage.DataSubPath is { Length: > 0 } path
            ? path.Replace("%d", node.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : null,
        CouchDbStoragePart.Config => "local.d",
        CouchDbStoragePart.Nouveau => "nouveau",
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "unknown CouchDB storage part"),
    };

    private static NodeStorage Node(InstanceTopology topology, Component couchdb)
    {
        var node = couchdb.CouchDbNode ?? throw new InvalidOperationException($"{couchdb.Name} has no CouchDB node number");
        var storage = topology.Spec.Kubernetes.Storage;
        var claimName = ObjectNames.Claim(topology, node);
        var volumeName = ObjectNames.PersistentVolume(topology, node);
        var source = PreExistingVolumes.SourceOf(topology, node);
        var size = new Dictionary<string, ResourceQuantity> { ["storage"] = new(storage.Size) };

        var claim = new V1PersistentVolumeClaim
        {
            ApiVersion = V1PersistentVolumeClaim.KubeApiVersion,
            Kind = V1PersistentVolumeClaim.KubeKind,
            Metadata = ObjectMeta.ForComponent(topology, claimName, couchdb),
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = [ReadWriteOnce],
                Resources = new V1VolumeResourceRequirements { Requests = size },
                // An existing disk is bound by name, with no class, so no provisioner creates a fresh empty volume instead.
                StorageClassName = source is null ? storage.Class ?? PlatformDefaults.StorageClass(topology.Spec.Kubernetes.Platform) : "",
                VolumeName = source is null ? null : volumeName,
            },
        };
        if (source is null)
            return new NodeStorage(node, claim, null);

        source.Capacity = size;
        source.AccessModes = [ReadWriteOnce];
        source.VolumeMode = "Filesystem";
        // The disk holds the instance's data: deleting the claim must never delete it.
        source.PersistentVolumeReclaimPolicy = "Retain";
        source.StorageClassName = "";
        // Reserved for this claim: no other claim in the cluster can bind the disk first.
        source.ClaimRef = new V1ObjectReference { NamespaceProperty = topology.Namespace, Name = claimName };
        var volume = new V1PersistentVolume
        {
            ApiVersion = V1PersistentVolume.KubeApiVersion,
            Kind = V1PersistentVolume.KubeKind,
            Metadata = ObjectMeta.ClusterScoped(topology, volumeName, couchdb.Name, ObjectLabels.ComponentOf(couchdb.Role)),
            Spec = source,
        };
        return new NodeStorage(node, claim, volume);
    }
}
