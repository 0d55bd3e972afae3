using Chtctl.Core.Spec;

namespace Chtctl.Core.Import.Helm;

internal sealed record HelmIngressReading(IngressSpec Ingress, string? Host);

/// <summary>
/// How the instance is reached: the host, the ALB annotations on EKS, the static IP and managed certificate on GKE,
/// and on k3s the TLS Secret cht-deploy created.
/// </summary>
internal static class HelmIngress
{
    private const string AlbPrefix = "alb.ingress.kubernetes.io/";

    /// <summary>The Secret cht-chart-4x's k3s Ingress names; cht-deploy created it from cert_source.</summary>
    public const string K3sTlsSecret = "api-tls-secret";

    private static readonly (string Key, string Annotation)[] AlbAnnotations =
    [
        ("ingress.annotations.groupname", AlbPrefix + "group.name"),
        ("ingress.annotations.tags", AlbPrefix + "tags"),
        ("ingress.annotations.certificate", AlbPrefix + "certificate-arn"),
    ];

    private static readonly (string Key, string Annotation)[] GkeAnnotations =
    [
        ("ingress.gcp.staticIpName", "kubernetes.io/ingress.global-static-ip-name"),
        ("ingress.gcp.managedCertificateName", "networking.gke.io/managed-certificates"),
    ];

    public static HelmIngressReading Read(HelmReader reader, KubernetesPlatform platform)
    {
        var context = reader.Context;
        var host = reader.Text("ingress.host", "the public host name of the instance, e.g. clinic-a.example.org");
        var ingress = new IngressSpec();
        if (host is not null)
        {
            ingress = ingress with { Host = host };
            context.Origin("kubernetes.ingress.host", "ingress.host", reader.Locate("ingress.host"));
            context.Origin("tls.host", "ingress.host", reader.Locate("ingress.host"));
            if (reader.Chart == HelmChart.InRepo && platform is KubernetesPlatform.K3s or KubernetesPlatform.K3d)
                context.Info("ingress.host", reader.Locate("ingress.host"),
                    "the in-repo chart's k3s Ingress had no host rule (it answered any host); chtctl's answers for this host");
        }
        else
        {
            context.Origin("tls.host", "ingress.host", reader.Locate("ingress.host"));
        }

        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (platform == KubernetesPlatform.Eks)
            Annotate(reader, annotations, AlbAnnotations, applies: true, "");
        else
            reader.Ignore("ingress.annotations", "cht-chart-4x set these ALB annotations on eks only");

        if (platform == KubernetesPlatform.Gke)
            Annotate(reader, annotations, GkeAnnotations, reader.Flag("ingress.gcp.enabled", "set the GKE annotations") ?? true, "ingress.gcp.enabled is false");
        else
            reader.Ignore("ingress.gcp", "the GKE static IP and managed certificate apply on gke only");
        if (annotations.Count > 0)
            ingress = ingress with { Annotations = annotations };

        if (platform is KubernetesPlatform.K3s or KubernetesPlatform.K3d)
            ingress = K3sTls(reader, ingress);
        else
            IgnoreCertificateKeys(reader, $"only cht-deploy on k3s-k3d read it; on {Parsing.SpecNaming.EnumValueOf(platform)} TLS ends at the load balancer");

        return new HelmIngressReading(ingress, host);
    }

    private static void Annotate(HelmReader reader, SortedDictionary<string, string> annotations, (string Key, string Annotation)[] table, bool applies, string whyNot)
    {
        foreach (var (key, annotation) in table)
        {
            if (!applies)
            {
                if (reader.Has(key))
                    reader.Ignore(key, whyNot);
                continue;
            }

            // An empty certificate meant "no certificate-arn annotation" upstream.
            if (reader.Text(key) is not { Length: > 0 } value)
                continue;
            annotations[annotation] = value;
            reader.Context.Origin($"kubernetes.ingress.annotations.{annotation}", key, reader.Locate(key));
        }
    }

    private static IngressSpec K3sTls(HelmReader reader, IngressSpec ingress)
    {
        var context = reader.Context;
        if (reader.Chart == HelmChart.InRepo)
        {
            IgnoreCertificateKeys(reader, "the in-repo chart's k3s Ingress has no TLS section");
            return ingress;
        }

        var source = reader.Text("cert_source");
        var at = reader.Has("cert_source") ? "cert_source" : "cluster_type";
        context.Origin("kubernetes.ingress.tlsSecret", at, reader.Locate(at));
        switch (source)
        {
            case "specify-file-path":
                context.Info("cert_source", reader.Locate("cert_source"),
                    $"cht-deploy created Secret {K3sTlsSecret} from certificate_crt_file_path and certificate_key_file_path; it stays in the namespace and chtctl's Ingress uses it",
                    $"to renew, replace the Secret: kubectl -n <namespace> create secret tls {K3sTlsSecret} --cert=... --key=... --dry-run=client -o yaml | kubectl apply -f -");
                reader.Text("certificate_crt_file_path");
                reader.Text("certificate_key_file_path");
                break;
            case "my-ip-co":
                context.Warning("cert_source", reader.Locate("cert_source"),
                    $"Secret {K3sTlsSecret} holds the local-ip.medicmobile.org certificate cht-deploy downloaded; chtctl uses it but does not renew it",
                    "replace the Secret before the certificate expires");
                IgnoreCertificateKeys(reader, "cert_source is my-ip-co", certSource: false);
                break;
            default:
                context.Info(at, reader.Locate(at),
                    $"cht-chart-4x's k3s Ingress took its certificate from Secret {K3sTlsSecret}; chtctl's does too, so the Secret must exist in the namespace");
                IgnoreCertificateKeys(reader, $"cert_source is {source ?? "not set"}", certSource: false);
                break;
        }

        return ingress with { TlsSecret = K3sTlsSecret };
    }

    private static void IgnoreCertificateKeys(HelmReader reader, string why, bool certSource = true)
    {
        foreach (var key in new[] { "cert_source", "certificate_crt_file_path", "certificate_key_file_path" }.Skip(certSource ? 0 : 1))
            reader.Ignore(key, why);
    }
}
