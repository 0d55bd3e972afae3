using Chtctl.Core.Parsing;

namespace Chtctl.Core.Import.Helm;

/// <summary>Tells the two charts apart by keys that only one of them has.</summary>
internal static class HelmChartDetector
{
    private static readonly string[] InRepoKeys =
    [
        "couchdb.clusteredCouchEnabled", "couchdb.storage_class", "couchdb.persistent_disk", "couchdb.db_name",
        "api", "haproxy", "ingress.gcp", "upgrade_service.port",
    ];

    private static readonly string[] Chart4xKeys =
    [
        "couchdb.clusteredCouch_enabled", "toleration", "cert_source", "certificate_crt_file_path", "certificate_key_file_path",
    ];

    public static HelmChart Detect(HelmValues values, ImportContext context)
    {
        var inRepo = InRepoKeys.Where(values.Contains).ToList();
        var chart4x = Chart4xKeys.Where(values.Contains).ToList();
        if (IsGke(values))
            inRepo.Add("cluster_type: gke");

        var chart = inRepo.Count > chart4x.Count ? HelmChart.InRepo : HelmChart.Chart4x;
        var found = chart == HelmChart.InRepo ? inRepo : chart4x;
        if (inRepo.Count > 0 && chart4x.Count > 0)
            context.Warning("", SourceLocation.None,
                $"the file mixes keys of both charts ({string.Join(", ", chart4x)} of cht-chart-4x; {string.Join(", ", inRepo)} of the in-repo chart); read as values of {chart.Describe()}",
                "a half-done migration? chtctl reads both spellings of the renamed keys");
        else if (found.Count == 0)
            context.Info("", SourceLocation.None, $"read as values of {chart.Describe()}: no key belongs to only one of the charts");
        else
            context.Info("", SourceLocation.None, $"read as values of {chart.Describe()} (found {string.Join(", ", found)})");
        return chart;
    }

    // Only the in-repo chart knows GKE. Peeking does not mark the key read: the platform mapping reads it.
    private static bool IsGke(HelmValues values) => values.Peek("cluster_type")?.Text is "gke";
}
