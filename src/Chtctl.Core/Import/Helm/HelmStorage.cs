using System.Globalization;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Import.Helm;

/// <summary>
/// CouchDB volumes. The point is to find the data that already exists: pre-existing EBS volumes, GCE disks and host
/// directories, and the host directories cht-chart-4x used on k3s even for new installs.
/// </summary>
/// <summary>The storage, and whether each CouchDB node's data lives on one particular machine (so it must be pinned there).</summary>
internal sealed record HelmStorageReading(StorageSpec Storage, bool DataOnNodes);

internal static class HelmStorage
{
    private const string PreExisting = "couchdb_data.preExistingDataAvailable";
    private const string VsphereFlag = "k3s_use_vSphere_storage_class";

    /// <summary>cht-chart-4x's default couchdb_node_storage_size; applies when the file leaves it out.</summary>
    private const string Chart4xDefaultSize = "100Mi";

    public static HelmStorageReading Read(HelmReader reader, KubernetesPlatform platform, HelmCouchDbReading couchdb, string? runningNamespace)
    {
        var storage = new StorageSpec();
        storage = Size(reader, storage);
        storage = ClassAndSubPath(reader, storage);

        var preExisting = reader.Flag(PreExisting, "mounted the pre-existing volumes") ?? false;
        var k3s = platform is KubernetesPlatform.K3s or KubernetesPlatform.K3d;
        var vsphere = k3s && (reader.Flag(VsphereFlag, "used vSphere volumes") ?? false);
        if (!k3s)
            reader.NotUsed(VsphereFlag, "vSphere volumes are for k3s");
        var nodes = couchdb.Clustered ? couchdb.CouchDb.Nodes : 1;
        var partition = reader.Text("couchdb_data.partition");

        if (platform == KubernetesPlatform.Eks && preExisting)
        {
            storage = storage with { EbsVolumeIds = PerNode(reader, "ebs.preExistingEBSVolumeID-{0}", "kubernetes.storage.ebsVolumeIds", nodes, "the id of the EBS volume with node {0}'s data") };
            CheckSize(reader, storage, "ebs.preExistingEBSVolumeSize");
            if (partition is not null and not "0")
                reader.Context.Warning("couchdb_data.partition", reader.Locate("couchdb_data.partition"),
                    $"ignored: chtctl mounts the EBS volume's file system as a whole, not partition {partition}",
                    "move the data to an unpartitioned volume first");
        }
        else
        {
            reader.NotUsed("ebs", platform == KubernetesPlatform.Eks ? $"{PreExisting} is false" : "the platform is not eks");
        }

        if (platform == KubernetesPlatform.Gke && preExisting)
        {
            var single = nodes == 1 && reader.Has("couchdb.persistent_disk.diskName");
            storage = storage with
            {
                GceDisks = single
                    ? PerNode(reader, "couchdb.persistent_disk.diskName", "kubernetes.storage.gceDisks", 1, "the name of the persistent disk with the data")
                    : PerNode(reader, "couchdb.persistent_disk.diskName-{0}", "kubernetes.storage.gceDisks", nodes, "the name of the persistent disk with node {0}'s data"),
            };
            CheckSize(reader, storage, "couchdb.persistent_disk.size");
            reader.NotUsed("couchdb.persistent_disk.type", "an existing disk keeps the type it was created with");
        }
        else
        {
            reader.NotUsed("couchdb.persistent_disk", platform == KubernetesPlatform.Gke ? $"{PreExisting} is false" : "the platform is not gke");
        }

        if (k3s && vsphere && couchdb.Clustered)
        {
            storage = storage with { Vsphere = Vsphere(reader) };
            reader.NotUsed("local_storage", $"{VsphereFlag} is true: the data is on vSphere volumes");
        }
        else
        {
            if (vsphere)
                reader.Context.Warning(VsphereFlag, reader.Locate(VsphereFlag), "ignored: upstream used vSphere volumes only for clustered CouchDB");
            reader.NotUsed("vSphere", !k3s ? "vSphere volumes are for k3s" : vsphere ? "vSphere volumes are not used here" : $"{VsphereFlag} is false");
            if (k3s)
                storage = storage with { HostPaths = HostPaths(reader, couchdb, nodes, preExisting, runningNamespace) };
            else
                reader.NotUsed("local_storage", "host directories are for k3s-k3d");
        }

        if (!(platform == KubernetesPlatform.Eks && preExisting))
            reader.NotUsed("couchdb_data.partition", "it only applied to pre-existing EBS volumes");
        var onNodes = couchdb.Clustered && k3s && (storage.Vsphere is not null || storage.HostPaths.Count > 0 || reader.Chart == HelmChart.Chart4x);
        return new HelmStorageReading(storage, onNodes);
    }

    private static StorageSpec Size(HelmReader reader, StorageSpec storage)
    {
        const string key = "couchdb.couchdb_node_storage_size";
        if (reader.Text(key, "the size of each CouchDB volume, e.g. 100Gi (kubectl get pvc shows it)") is { } size)
        {
            reader.Context.Origin("kubernetes.storage.size", key, reader.Locate(key));
            return storage with { Size = size };
        }

        if (reader.Has(key))
            return storage;
        if (reader.Chart == HelmChart.Chart4x)
        {
            reader.Context.Info(key, SourceLocation.None, $"not set: cht-chart-4x's default {Chart4xDefaultSize} applies, as it did upstream");
            return storage with { Size = Chart4xDefaultSize };
        }

        reader.Context.Warning(key, SourceLocation.None, $"not set (the in-repo chart requires it): chtctl's default {storage.Size} applies");
        return storage;
    }

    private static StorageSpec ClassAndSubPath(HelmReader reader, StorageSpec storage)
    {
        foreach (var key in new[] { "couchdb.storage_class", "storage_class" })
        {
            if (reader.Text(key) is { Length: > 0 } storageClass)
            {
                storage = storage with { Class = storageClass };
                reader.Context.Origin("kubernetes.storage.class", key, reader.Locate(key));
            }
        }

        const string subPath = "couchdb_data.dataPathOnDiskForCouchDB";
        // null means "the default" in upstream's own comment; "" means the volume root.
        if (reader.Text(subPath) is { } path)
        {
            storage = storage with { DataSubPath = path };
            reader.Context.Origin("kubernetes.storage.dataSubPath", subPath, reader.Locate(subPath));
        }

        return storage;
    }

    private static VsphereSpec Vsphere(HelmReader reader)
    {
        var vsphere = new VsphereSpec
        {
            Datastore = SampleChecked(reader, "vSphere.datastoreName", "DatastoreName") ?? "",
            DiskPath = SampleChecked(reader, "vSphere.diskPath", "path/to/disk") ?? "",
        };
        reader.Context.Origin("kubernetes.storage.vsphere", "vSphere", reader.Locate("vSphere"));
        reader.Context.Origin("kubernetes.storage.vsphere.datastore", "vSphere.datastoreName", reader.Locate("vSphere.datastoreName"));
        reader.Context.Origin("kubernetes.storage.vsphere.diskPath", "vSphere.diskPath", reader.Locate("vSphere.diskPath"));
        foreach (var key in new[] { "vSphere.datastoreName", "vSphere.diskPath" }.Where(k => !reader.Has(k)))
            reader.Context.Error(key, reader.Locate("vSphere"), $"{key} is required when {VsphereFlag} is true");
        return vsphere;
    }

    private static IReadOnlyList<string> HostPaths(HelmReader reader, HelmCouchDbReading couchdb, int nodes, bool preExisting, string? runningNamespace)
    {
        var context = reader.Context;
        if (reader.Chart == HelmChart.InRepo && !preExisting)
        {
            reader.NotUsed("local_storage", $"{PreExisting} is false: the in-repo chart provisions local-path volumes");
            return [];
        }

        if (reader.Chart == HelmChart.InRepo || (preExisting && couchdb.Clustered))
            return PerNode(reader, "local_storage.preExistingDiskPath-{0}", "kubernetes.storage.hostPaths", nodes, "the host directory with node {0}'s data");

        if (!couchdb.Clustered)
        {
            // cht-chart-4x mounted this host directory for single-node k3s whether or not the data pre-existed.
            const string key = "local_storage.preExistingDiskPath-1";
            var path = reader.Text(key) ?? "/var/lib/couchdb1";
            context.Info(reader.Has(key) ? key : "local_storage", reader.Locate(key),
                $"cht-chart-4x kept single-node CouchDB data in the host directory {path} on k3s, even without pre-existing data; chtctl keeps using it");
            context.Origin("kubernetes.storage.hostPaths", key, reader.Locate(key));
            context.Origin("kubernetes.storage.hostPaths[0]", key, reader.Locate(key));
            foreach (var child in reader.Values.ChildrenOf("local_storage").Where(c => IsNumberedPast(c, "preExistingDiskPath-", 1)))
                reader.NotUsed($"local_storage.{child}", "a single CouchDB node uses only preExistingDiskPath-1");
            return [path];
        }

        // New clustered installs: a pre-install Job made /var/lib/<namespace>-couchdbN on node-N, and a local PV used it.
        reader.NotUsed("local_storage", $"{PreExisting} is false: cht-chart-4x used /var/lib/<namespace>-couchdbN on each node");
        if (runningNamespace is null)
        {
            if (!reader.Has("namespace"))
                context.Error("namespace", SourceLocation.None,
                    "namespace is needed to find the data: cht-chart-4x kept each node's data in /var/lib/<namespace>-couchdbN", "add namespace: <the release's namespace>");
            return [];
        }

        var paths = Enumerable.Range(1, nodes).Select(n => string.Create(CultureInfo.InvariantCulture, $"/var/lib/{runningNamespace}-couchdb{n}")).ToArray();
        context.Info("namespace", reader.Locate("namespace"),
            $"cht-chart-4x kept clustered CouchDB data in host directories {string.Join(", ", paths)} (one per node); chtctl keeps using them");
        context.Origin("kubernetes.storage.hostPaths", "namespace", reader.Locate("namespace"));
        return paths;
    }

    /// <summary>One value per CouchDB node from numbered keys; a missing one is an error, numbered keys past the node count are noted.</summary>
    private static IReadOnlyList<string> PerNode(HelmReader reader, string keyFormat, string specPath, int nodes, string what)
    {
        var context = reader.Context;
        var section = keyFormat[..keyFormat.LastIndexOf('.')];
        var values = new List<string>();
        string? firstMissing = null;
        for (var n = 1; n <= nodes; n++)
        {
            var key = string.Format(CultureInfo.InvariantCulture, keyFormat, n);
            var value = reader.Text(key);
            if (string.IsNullOrEmpty(value))
            {
                if (!context.HasError(key))
                    context.Error(key, reader.Has(key) ? reader.Locate(key) : reader.Locate(section),
                        $"{key} is needed: {string.Format(CultureInfo.InvariantCulture, what, n)} ({PreExisting} is true)");
                firstMissing ??= key;
                continue;
            }

            context.Origin($"{specPath}[{values.Count}]", key, reader.Locate(key));
            values.Add(value);
        }

        // A short list is already reported at the missing key; pointing the list there keeps it to one message.
        var listSource = firstMissing ?? PreExisting;
        context.Origin(specPath, listSource, reader.Has(listSource) ? reader.Locate(listSource) : reader.Locate(section));
        if (keyFormat.Contains("{0}", StringComparison.Ordinal))
        {
            var stem = keyFormat[(section.Length + 1)..].Replace("{0}", "", StringComparison.Ordinal);
            foreach (var child in reader.Values.ChildrenOf(section).Where(c => IsNumberedPast(c, stem, nodes)))
                reader.NotUsed($"{section}.{child}", $"there {(nodes == 1 ? "is only 1 CouchDB node" : $"are only {nodes} CouchDB nodes")}");
        }

        return values;
    }

    private static bool IsNumberedPast(string key, string stem, int nodes) =>
        key.StartsWith(stem, StringComparison.Ordinal)
        && int.TryParse(key[stem.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > nodes;

    private static void CheckSize(HelmReader reader, StorageSpec storage, string key)
    {
        if (reader.Text(key) is { } size && size != storage.Size)
            reader.Context.Info(key, reader.Locate(key),
                $"the volume's own size ({size}) differs from couchdb_node_storage_size ({storage.Size}); chtctl asks for {storage.Size}, which the existing volume must be at least");
    }

    private static string? SampleChecked(HelmReader reader, string key, string sample)
    {
        var value = reader.Text(key);
        if (value == sample)
            reader.Context.Warning(key, reader.Locate(key), $"'{sample}' is the chart's sample value", "set the real value");
        return value;
    }
}
