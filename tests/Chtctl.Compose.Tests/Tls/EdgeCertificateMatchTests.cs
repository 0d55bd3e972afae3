using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Chtctl.Compose.Tls;
using Chtctl.Testing;

namespace Chtctl.Compose.Tests.Tls;

/// <summary>The health gate's question against a running nginx: is the edge serving the installed certificate?</summary>
public sealed class EdgeCertificateMatchTests : IDisposable
{
    private readonly TlsFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_running_nginx_serves_the_installed_certificate_until_it_is_renewed_without_a_reload()
    {
        _fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout);
        var port = FreePorts.Publishable();
        var prefix = Directory.CreateDirectory(Path.Combine(_fixture.Root, "nginx")).FullName;
        var config = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(config, $$"""
            pid {{prefix}}/nginx.pid;
            error_log stderr;
            events {}
            http {
                access_log off;
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    ssl_certificate {{_fixture.CertPath}};
                    ssl_certificate_key {{_fixture.KeyPath}};
                    return 204;
                }
            }
            """);
        using var nginx = new BackgroundProcess("nginx", ["-p", prefix + "/", "-c", config, "-e", "stderr", "-g", "daemon off;"]);
        nginx.WaitForPort(port);

        Assert.True(EdgeCertificateMatch.ServesInstalled(await Presented(port), _fixture.Layout));

        // A new certificate on disk is not what a running nginx serves: that is what the gate must catch.
        _fixture.Edge().Prepare(_fixture.Spec("cht.example.org"), _fixture.Layout);

        Assert.False(EdgeCertificateMatch.ServesInstalled(await Presented(port), _fixture.Layout));
    }

    private static async Task<X509Certificate2> Presented(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("localhost");
        return X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData());
    }
}
