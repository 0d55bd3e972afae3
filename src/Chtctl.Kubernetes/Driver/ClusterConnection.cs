using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;

namespace Chtctl.Kubernetes.Driver;

/// <summary>Where to find the cluster: a kubeconfig file and context, or the pod's own service account.</summary>
public sealed record ConnectionOptions(string? KubeconfigPath, string? Context);

/// <summary>
/// Opens a <see cref="KubeApi"/> on the cluster. KubernetesClient reads the kubeconfig (certificates, tokens,
/// exec plugins) and sets up TLS; requests then go through its handler and credentials.
/// </summary>
public static class ClusterConnection
{
    public static KubeApi Open(ConnectionOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var config = Configuration(options, environment);
        using var client = new k8s.Kubernetes(config);
        var handler = new CredentialsHandler(client.Credentials) { InnerHandler = TlsHandler(config) };
        var server = client.BaseUri.AbsoluteUri.EndsWith('/') ? client.BaseUri : new Uri(client.BaseUri.AbsoluteUri + "/");
        return new KubeApi(new HttpMessageInvoker(handler), server);
    }

    /// <summary>TLS as the kubeconfig describes it: the cluster's CA (or none when it says skip), the client certificate.</summary>
    private static SocketsHttpHandler TlsHandler(KubernetesClientConfiguration config)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        if (config.SkipTlsVerify)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        else if (config.SslCaCerts is { Count: > 0 } authorities)
            handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                k8s.Kubernetes.CertificateValidationCallBack(sender, authorities, certificate, chain, errors);
        if (config.ClientCertificateData is not null || config.ClientCertificateFilePath is not null)
            handler.SslOptions.ClientCertificates = [ClientCertificate(config)];
        return handler;
    }

    private static X509Certificate2 ClientCertificate(KubernetesClientConfiguration config) =>
        config.ClientCertificateData is { } certificate && config.ClientCertificateKeyData is { } key
            ? X509Certificate2.CreateFromPem(FromBase64(certificate), FromBase64(key))
            : X509Certificate2.CreateFromPemFile(config.ClientCertificateFilePath!, config.ClientKeyFilePath);

    private static string FromBase64(string data) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data));

    private static KubernetesClientConfiguration Configuration(ConnectionOptions options, Func<string, string?> environment)
    {
        var path = options.KubeconfigPath
            ?? environment("KUBECONFIG")?.Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var home = environment("HOME");
        var defaultPath = home is null ? null : Path.Combine(home, ".kube", "config");
        if (path is null && (defaultPath is null || !File.Exists(defaultPath)) && KubernetesClientConfiguration.IsInCluster())
            return KubernetesClientConfiguration.InClusterConfig();
        path ??= defaultPath ?? throw new KubeconfigException("no kubeconfig: set KUBECONFIG or pass --kubeconfig");
        if (!File.Exists(path))
            throw new KubeconfigException($"kubeconfig {path} does not exist: pass --kubeconfig or set KUBECONFIG");
        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(path, options.Context);
        }
        catch (Exception e) when (e is KubeConfigException or ArgumentException or IOException)
        {
            throw new KubeconfigException($"kubeconfig {path}: {e.Message}");
        }
    }

    /// <summary>Adds the kubeconfig's credentials (token, basic auth) to each request, as KubernetesClient does.</summary>
    private sealed class CredentialsHandler(ServiceClientCredentials? credentials) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (credentials is not null)
                await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>The kubeconfig is missing or cannot be used; the message says which and how to fix it.</summary>
public sealed class KubeconfigException(string message) : Exception(message);
