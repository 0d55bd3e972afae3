using Chtctl.Core.Spec;
using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// The instance's public edge: Ingress <c>api-ingress</c> sending the host's every path to Service <c>api</c>,
/// with the class and annotations each platform's controller needs (Medic's charts, reference §13.2 and §14).
/// </summary>
internal static class IngressBuilder
{
    private const string Alb = "alb.ingress.kubernetes.io/";

    /// <summary>GKE's controller is chosen by this annotation, which it honours on every GKE version.</summary>
    public const string LegacyClassAnnotation = "kubernetes.io/ingress.class";

    /// <summary>Medic's EKS settings: a public ALB sending to pod IPs, HTTP redirected to HTTPS.</summary>
    private static readonly IReadOnlyDictionary<string, string> AlbDefaults = new Dictionary<string, string>
    {
        [Alb + "scheme"] = "internet-facing",
        [Alb + "target-type"] = "ip",
        [Alb + "listen-ports"] = """[{"HTTP": 80}, {"HTTPS": 443}]""",
        [Alb + "ssl-redirect"] = "443",
        [Alb + "healthcheck-port"] = "traffic-port",
    };

    public static V1Ingress Build(InstanceTopology topology)
    {
        var api = topology.ByRole(ComponentRole.Api).Single();
        var ingress = topology.Spec.Kubernetes.Ingress;
        var platform = topology.Spec.Kubernetes.Platform;
        var ingressClass = ingress.Class ?? PlatformDefaults.IngressClass(platform);
        var byAnnotation = platform == KubernetesPlatform.Gke && ingressClass is not null && ingressClass.StartsWith("gce", StringComparison.Ordinal);

        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (platform == KubernetesPlatform.Eks && ingressClass == "alb")
        {
            foreach (var (key, value) in AlbDefaults)
                annotations[key] = value;
        }

        if (byAnnotation)
            annotations[LegacyClassAnnotation] = ingressClass!;
        // The operator's annotations come last, so they can change any default (a group name, a certificate ARN).
        foreach (var (key, value) in ingress.Annotations)
            annotations[key] = value;

        var host = topology.Edge.Host;
        return new V1Ingress
        {
            ApiVersion = TypeMeta.ApiVersion(V1Ingress.KubeGroup, V1Ingress.KubeApiVersion),
            Kind = V1Ingress.KubeKind,
            Metadata = ObjectMeta.ForComponent(topology, ObjectNames.Ingress, api, annotations),
            Spec = new V1IngressSpec
            {
                IngressClassName = byAnnotation ? null : ingressClass,
                Tls = ingress.TlsSecret is { } secret ? [new V1IngressTLS { Hosts = [host], SecretName = secret }] : null,
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = host,
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath
                                {
                                    Path = "/",
                                    PathType = "Prefix",
                                    Backend = new V1IngressBackend
                                    {
                                        Service = new V1IngressServiceBackend
                                        {
                                            Name = api.Name,
                                            Port = new V1ServiceBackendPort { Number = api.Ports[0].Number },
                                        },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
    }
}
