using Chtctl.Core.Spec;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>What each Kubernetes flavour provides out of the box, as Medic's charts assume it.</summary>
internal static class PlatformDefaults
{
    /// <summary>The StorageClass for new CouchDB volumes when the instance file names none.</summary>
    public static string StorageClass(KubernetesPlatform platform) => platform switch
    {
        KubernetesPlatform.K3s or KubernetesPlatform.K3d => "local-path",
        KubernetesPlatform.Eks => "ebs-gp2",
        KubernetesPlatform.Gke => "standard-rwo",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "unknown platform"),
    };

    /// <summary>The IngressClass when the instance file names none; null is the cluster's default class (traefik on k3s/k3d).</summary>
    public static string? IngressClass(KubernetesPlatform platform) => platform switch
    {
        KubernetesPlatform.Eks => "alb",
        KubernetesPlatform.Gke => "gce",
        _ => null,
    };
}
