namespace Chtctl.Core.Import.Helm;

/// <summary>The two charts whose values chtctl reads; they share most keys but differ in names and storage.</summary>
internal enum HelmChart
{
    /// <summary>medic/cht-chart-4x (helm-charts repository), installed by cht-deploy.</summary>
    Chart4x,

    /// <summary>cht-chart in cht-core <c>scripts/build/helm</c> (4.22 and the 5.x releases).</summary>
    InRepo,
}

internal static class HelmChartNames
{
    public static string Describe(this HelmChart chart) => chart == HelmChart.Chart4x
        ? "medic/cht-chart-4x"
        : "the in-repo cht-chart (cht-core scripts/build/helm, 4.22 and 5.x)";
}
