using Chtctl.Core.Spec;
using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Rendering;

/// <summary>The Ingress is the public edge: one per instance, to api, configured for the platform's controller.</summary>
public sealed class IngressTests
{
    [Theory]
    [InlineData(KubernetesPlatform.K3s)]
    [InlineData(KubernetesPlatform.Eks)]
    [InlineData(KubernetesPlatform.Gke)]
    public void Every_path_of_the_host_goes_to_api(KubernetesPlatform platform)
    {
        var ingress = Ingress(Instances.Spec(1, platform));

        var rule = Assert.Single(ingress.Spec.Rules);
        Assert.Equal("clinic-a.example.org", rule.Host);
        var path = Assert.Single(rule.Http.Paths);
        Assert.Equal(("/", "Prefix"), (path.Path, path.PathType));
        Assert.Equal(("api", 5988), (path.Backend.Service.Name, path.Backend.Service.Port.Number));
    }

    [Fact]
    public void Eks_uses_a_public_ALB_sending_to_pod_addresses()
    {
        var ingress = Ingress(Instances.Spec(1, KubernetesPlatform.Eks));

        Assert.Equal("alb", ingress.Spec.IngressClassName);
        var annotations = ingress.Metadata.Annotations;
        Assert.Equal("internet-facing", annotations["alb.ingress.kubernetes.io/scheme"]);
        Assert.Equal("ip", annotations["alb.ingress.kubernetes.io/target-type"]);
        Assert.Equal("""[{"HTTP": 80}, {"HTTPS": 443}]""", annotations["alb.ingress.kubernetes.io/listen-ports"]);
        Assert.Equal("443", annotations["alb.ingress.kubernetes.io/ssl-redirect"]);
        Assert.Equal("traffic-port", annotations["alb.ingress.kubernetes.io/healthcheck-port"]);
    }

    [Fact]
    public void The_operators_annotations_join_and_override_the_platform_defaults()
    {
        var spec = Instances.Spec(1, KubernetesPlatform.Eks).WithKubernetes(k => k with
        {
            Ingress = k.Ingress with
            {
                Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["alb.ingress.kubernetes.io/scheme"] = "internal",
                    ["alb.ingress.kubernetes.io/group.name"] = "dev-cht-alb",
                },
            },
        });

        var annotations = Ingress(spec).Metadata.Annotations;

        Assert.Equal("internal", annotations["alb.ingress.kubernetes.io/scheme"]);
        Assert.Equal("dev-cht-alb", annotations["alb.ingress.kubernetes.io/group.name"]);
        Assert.Equal("ip", annotations["alb.ingress.kubernetes.io/target-type"]);
    }

    [Fact]
    public void Gke_selects_its_controller_by_annotation()
    {
        var ingress = Ingress(Instances.Spec(1, KubernetesPlatform.Gke));

        Assert.Null(ingress.Spec.IngressClassName);
        Assert.Equal("gce", ingress.Metadata.Annotations["kubernetes.io/ingress.class"]);
        Assert.DoesNotContain(ingress.Metadata.Annotations.Keys, k => k.StartsWith("alb.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(KubernetesPlatform.K3s)]
    [InlineData(KubernetesPlatform.K3d)]
    public void K3s_and_k3d_use_the_clusters_default_class_unless_one_is_named(KubernetesPlatform platform)
    {
        Assert.Null(Ingress(Instances.Spec(1, platform)).Spec.IngressClassName);
        Assert.Null(Ingress(Instances.Spec(1, platform)).Metadata.Annotations);

        var named = Instances.Spec(1, platform).WithKubernetes(k => k with { Ingress = k.Ingress with { Class = "nginx" } });
        Assert.Equal("nginx", Ingress(named).Spec.IngressClassName);
    }

    [Fact]
    public void A_tls_secret_adds_a_tls_section_for_the_host()
    {
        var spec = Instances.Spec(1).WithKubernetes(k => k with { Ingress = k.Ingress with { TlsSecret = "clinic-tls", Host = "portal.example.org" } });

        var ingress = Ingress(spec);

        var tls = Assert.Single(ingress.Spec.Tls);
        Assert.Equal("clinic-tls", tls.SecretName);
        Assert.Equal(["portal.example.org"], tls.Hosts);
        Assert.Equal("portal.example.org", Assert.Single(ingress.Spec.Rules).Host);
    }

    [Fact]
    public void Without_a_tls_secret_TLS_is_left_to_the_load_balancer()
    {
        Assert.Null(Ingress(Instances.Spec(1, KubernetesPlatform.Eks)).Spec.Tls);
    }

    private static V1Ingress Ingress(InstanceSpec spec) => Instances.Objects(spec).Single<V1Ingress>("api-ingress");
}
