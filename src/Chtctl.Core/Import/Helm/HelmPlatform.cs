using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Import.Helm;

/// <summary>cluster_type (and environment: local, which meant a k3d cluster on the operator's machine) to a platform.</summary>
internal static class HelmPlatform
{
    private static readonly Dictionary<string, KubernetesPlatform> ClusterTypes = new(StringComparer.Ordinal)
    {
        ["eks"] = KubernetesPlatform.Eks,
        ["k3s-k3d"] = KubernetesPlatform.K3s,
        ["gke"] = KubernetesPlatform.Gke,
    };

    public static KubernetesPlatform Read(HelmReader reader)
    {
        var context = reader.Context;
        var environment = reader.Text("environment");
        var clusterType = reader.Text("cluster_type");
        KubernetesPlatform platform;
        if (clusterType is null)
        {
            // cht-chart-4x defaults to eks; the in-repo chart takes it from a platform-*.yaml layer that is not in this file.
            platform = reader.Chart == HelmChart.Chart4x && !reader.Has("cluster_type") ? KubernetesPlatform.Eks : KubernetesPlatform.K3s;
            if (!reader.Has("cluster_type"))
                context.Warning("cluster_type", SourceLocation.None,
                    reader.Chart == HelmChart.Chart4x
                        ? "cluster_type is not set; cht-chart-4x's default is eks, so the platform is eks"
                        : $"cluster_type is not set (the in-repo chart takes it from a platform-*.yaml layer); assumed {SpecNaming.EnumValueOf(platform)}",
                    "check kubernetes.platform in the result, or import the merged values (helm get values --all <release>)");
        }
        else if (!ClusterTypes.TryGetValue(clusterType, out platform))
        {
            var suggestion = DidYouMean.Suggest(clusterType, ClusterTypes.Keys);
            context.Error("cluster_type", reader.Locate("cluster_type"), $"expected one of eks, k3s-k3d, gke; found '{clusterType}'",
                suggestion is not null ? $"did you mean '{suggestion}'?" : null);
            platform = KubernetesPlatform.K3s;
        }

        context.Origin("kubernetes.platform", "cluster_type", reader.Locate("cluster_type"));
        if (environment == "local" && platform == KubernetesPlatform.K3s)
        {
            platform = KubernetesPlatform.K3d;
            context.Info("environment", reader.Locate("environment"), "environment: local with k3s-k3d meant a k3d cluster on this machine: the platform is k3d");
            context.Origin("kubernetes.platform", "environment", reader.Locate("environment"));
        }
        else if (environment is not null)
        {
            context.Warning("environment", reader.Locate("environment"),
                "ignored: it only chose what cht-deploy's prepare script installed (k3d and ingress-nginx for local)");
        }

        return platform;
    }
}
