using Chtctl.Core.Parsing;

namespace Chtctl.Core.Import.Helm;

/// <summary>Keys chtctl reads but does not use, with why; and every key it knows, for reporting the rest.</summary>
internal static class HelmKeys
{
    /// <summary>Keys that had no effect on what ran, or whose job chtctl does itself.</summary>
    private static readonly (string Key, string Why, string? Hint)[] Ignored =
    [
        ("cht_chart_version", "chtctl renders the Kubernetes objects itself; no Helm chart is installed", null),
        ("cache_images", "chtctl runs exact release tags, which never change, so there is nothing to pull again", null),
        ("upgrade_service.tag", "chtctl runs its own upgrade service (the chtctl image)", null),
        ("upgrade_service.port", "chtctl runs its own upgrade service (the chtctl image)", null),
        ("ingress.hosted_zone_id", "the chart never used it (it served Medic's DNS tooling); chtctl does not manage DNS", null),
        ("ingress.load_balancer", "the chart never used it (it served Medic's DNS tooling); chtctl does not manage DNS", null),
        ("toleration", "chtctl sets no tolerations on CouchDB pods",
            "if the nodes meant for CouchDB carry that taint, remove it (kubectl taint nodes <node> <key>-) or CouchDB cannot be scheduled there"),
        ("haproxy", "chtctl renders HAProxy's configuration itself", null),
    ];

    /// <summary>Every key of either chart, for suggestions when a key is unknown.</summary>
    private static readonly string[] Known =
    [
        "project_name", "namespace", "chtversion", "cht_image_tag", "cht_chart_version", "cache_images",
        "upstream_servers.docker_registry", "upstream_servers.builds_url", "upgrade_service.tag", "upgrade_service.port",
        "couchdb.password", "couchdb.secret", "couchdb.user", "couchdb.uuid", "couchdb.clusteredCouch_enabled", "couchdb.clusteredCouchEnabled",
        "couchdb.couchdb_node_storage_size", "couchdb.db_name", "couchdb.storage_class", "storage_class",
        "couchdb.persistent_disk.size", "couchdb.persistent_disk.type", "couchdb.persistent_disk.diskName",
        "clusteredCouch.noOfCouchDBNodes", "toleration.key", "toleration.operator", "toleration.value", "toleration.effect",
        "ingress.annotations.groupname", "ingress.annotations.tags", "ingress.annotations.certificate", "ingress.host",
        "ingress.hosted_zone_id", "ingress.load_balancer", "ingress.gcp.enabled", "ingress.gcp.staticIpName", "ingress.gcp.managedCertificateName",
        "environment", "cluster_type", "cert_source", "certificate_crt_file_path", "certificate_key_file_path",
        "nodes.node-1", "nodes.node-2", "nodes.node-3", "nodes.single_node_deploy",
        "k3s_use_vSphere_storage_class", "vSphere.datastoreName", "vSphere.diskPath",
        "couchdb_data.preExistingDataAvailable", "couchdb_data.dataPathOnDiskForCouchDB", "couchdb_data.partition",
        "local_storage.preExistingDiskPath-1", "ebs.preExistingEBSVolumeID-1", "ebs.preExistingEBSVolumeSize",
        "api.service.type", "api.port", "haproxy.ip", "haproxy.port",
    ];

    public static void ReportIgnored(HelmReader reader)
    {
        foreach (var (key, why, hint) in Ignored)
            reader.Ignore(key, why, hint);

        if (reader.Text("api.service.type") is { } type && type != "ClusterIP")
            reader.Context.Warning("api.service.type", reader.Locate("api.service.type"),
                $"ignored: chtctl's api Service is ClusterIP behind the Ingress, not {type}");
        if (reader.Text("api.port") is { } port && port != "5988")
            reader.Context.Warning("api.port", reader.Locate("api.port"), $"ignored: api listens on 5988 under chtctl, not {port}");
    }

    public static void ReportUnknown(HelmReader reader)
    {
        foreach (var entry in reader.Values.Unread())
        {
            var suggestion = DidYouMean.Suggest(entry.Path, Known);
            reader.Context.Warning(entry.Path, entry.Location, $"ignored: not a key of {reader.Chart.Describe()}",
                suggestion is not null ? $"did you mean '{suggestion}'?" : null);
        }
    }
}
