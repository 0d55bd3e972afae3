namespace Chtctl.Core.Spec;

public enum DeploymentTarget
{
    [YamlName("compose")] Compose,
    [YamlName("kubernetes")] Kubernetes,
}

public enum KubernetesPlatform
{
    [YamlName("k3s")] K3s,
    [YamlName("k3d")] K3d,
    [YamlName("eks")] Eks,
    [YamlName("gke")] Gke,
}

public enum TlsMode
{
    /// <summary>chtctl generates and renews a certificate for the host.</summary>
    [YamlName("self-signed")] SelfSigned,
    /// <summary>The operator supplies certificate and key files.</summary>
    [YamlName("files")] Files,
    /// <summary>Certificates from an ACME CA (Let's Encrypt) over HTTP-01.</summary>
    [YamlName("acme")] Acme,
    /// <summary>TLS ends at a Kubernetes Ingress (a TLS Secret or the platform's managed certificate).</summary>
    [YamlName("ingress")] Ingress,
}

public enum CouchDbLogLevel
{
    [YamlName("debug")] Debug,
    [YamlName("info")] Info,
    [YamlName("notice")] Notice,
    [YamlName("warning")] Warning,
    [YamlName("error")] Error,
    [YamlName("critical")] Critical,
}
