using System.Security.Cryptography.X509Certificates;
using Chtctl.Compose.Tls;
using Chtctl.Core.Spec;
using Chtctl.Testing;

namespace Chtctl.Compose.Tests.Tls;

/// <summary>tls.mode self-signed: chtctl makes the edge's certificate and keeps it current.</summary>
public sealed class SelfSignedCertificateTests : IDisposable
{
    private readonly TlsFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void First_prepare_creates_a_certificate_for_localhost_with_loopback_addresses_and_a_private_key()
    {
        var result = _fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.True(result.Changed);
        var leaf = Pem.TryReadLeaf(_fixture.CertPath)!;
        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["localhost"], san.EnumerateDnsNames());
        Assert.Equal(["127.0.0.1", "::1"], san.EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal("1.3.6.1.5.5.7.3.1", Assert.Single(leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Value);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, leaf.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_fixture.KeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_fixture.Layout.Certificates));
        Assert.Equal(EdgeCertificateMatch.Thumbprint(leaf), result.Thumbprint);
        Assert.Equal(new DateTimeOffset(leaf.NotAfter.ToUniversalTime()), result.NotAfter);
        Assert.InRange((result.NotAfter!.Value - _fixture.Clock.Now).TotalDays, 396.9, 397);
        Assert.Equal($"self-signed certificate for localhost created, valid until {result.NotAfter:yyyy-MM-dd}", result.Summary);
        Assert.DoesNotContain("PRIVATE", result.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_fixture.Layout.Certificates, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Second_prepare_leaves_the_files_byte_identical()
    {
        var first = _fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout);
        var certificate = File.ReadAllBytes(_fixture.CertPath);
        var key = File.ReadAllBytes(_fixture.KeyPath);
        _fixture.Clock.Now += TimeSpan.FromDays(300);

        var plan = _fixture.Edge().Check(_fixture.Spec(), _fixture.Layout);
        var second = _fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout);

        Assert.Equal(EdgeCertificateAction.None, plan.Action);
        Assert.False(second.Changed);
        Assert.True(second.Ok);
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.Equal(certificate, File.ReadAllBytes(_fixture.CertPath));
        Assert.Equal(key, File.ReadAllBytes(_fixture.KeyPath));
    }

    [Fact]
    public void Twenty_days_before_expiry_check_plans_a_renewal_without_writing_and_prepare_renews()
    {
        var first = _fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout);
        var before = File.ReadAllBytes(_fixture.CertPath);
        _fixture.Clock.Now = first.NotAfter!.Value - TimeSpan.FromDays(20);

        var plan = _fixture.Edge().Check(_fixture.Spec(), _fixture.Layout);

        Assert.Equal(EdgeCertificateAction.Renew, plan.Action);
        Assert.Equal("expires in 20 days", plan.Reason);
        Assert.Equal(before, File.ReadAllBytes(_fixture.CertPath));

        var renewed = _fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout);

        Assert.True(renewed.Changed);
        Assert.NotEqual(first.Thumbprint, renewed.Thumbprint);
        Assert.StartsWith("self-signed certificate for localhost renewed (expires in 20 days), valid until ", renewed.Summary, StringComparison.Ordinal);
        Assert.Equal(_fixture.Clock.Now.AddDays(397).Date, renewed.NotAfter!.Value.AddMinutes(5).Date);
    }

    [Fact]
    public void A_changed_host_renews_the_certificate_for_the_new_host_only()
    {
        _fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout);

        var plan = _fixture.Edge().Check(_fixture.Spec("cht.example.org"), _fixture.Layout);
        var result = _fixture.Edge().Prepare(_fixture.Spec("cht.example.org"), _fixture.Layout);

        Assert.Equal(EdgeCertificateAction.Renew, plan.Action);
        Assert.Equal("host cht.example.org is no longer covered (it covers localhost, 127.0.0.1, ::1)", plan.Reason);
        Assert.True(result.Changed);
        var san = Pem.TryReadLeaf(_fixture.CertPath)!.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["cht.example.org"], san.EnumerateDnsNames());
        Assert.Empty(san.EnumerateIPAddresses());
    }

    [Fact]
    public void A_missing_key_or_a_key_of_another_certificate_is_replaced_by_a_new_pair()
    {
        _fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout);
        File.Delete(_fixture.KeyPath);

        Assert.Equal("key.pem is missing", _fixture.Edge().Check(_fixture.Spec(), _fixture.Layout).Reason);
        Assert.True(_fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout).Changed);

        var otherHome = new TlsFixture();
        otherHome.Edge().Prepare(otherHome.Spec(), otherHome.Layout);
        File.Copy(otherHome.KeyPath, _fixture.KeyPath, overwrite: true);
        otherHome.Dispose();

        Assert.Equal("key.pem does not match cert.pem", _fixture.Edge().Check(_fixture.Spec(), _fixture.Layout).Reason);
        Assert.True(_fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout).Changed);
        Assert.Equal(EdgeCertificateAction.None, _fixture.Edge().Check(_fixture.Spec(), _fixture.Layout).Action);
    }

    [Fact]
    public void Garbage_in_cert_pem_is_replaced()
    {
        _fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout);
        File.WriteAllText(_fixture.CertPath, "not a certificate\n");

        Assert.Equal("cert.pem holds no certificate", _fixture.Edge().Check(_fixture.Spec(), _fixture.Layout).Reason);
        Assert.True(_fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout).Changed);
    }

    [Fact]
    public void Openssl_reads_the_subject_alternative_names_of_the_generated_certificate()
    {
        _fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout);

        var output = OpenSslCa.OpenSsl("x509", "-noout", "-ext", "subjectAltName", "-in", _fixture.CertPath);

        Assert.Contains("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1", output, StringComparison.Ordinal);
        OpenSslCa.OpenSsl("pkey", "-noout", "-in", _fixture.KeyPath);
    }

    [Fact]
    public void Nginx_accepts_the_generated_certificate_and_key()
    {
        _fixture.Edge().Prepare(_fixture.Spec("cht.example.org"), _fixture.Layout);
        var prefix = Directory.CreateDirectory(Path.Combine(_fixture.Root, "nginx")).FullName;
        var config = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(config, $$"""
            pid {{prefix}}/nginx.pid;
            error_log stderr;
            events {}
            http {
                access_log off;
                server {
                    listen 127.0.0.1:8443 ssl;
                    server_name cht.example.org;
                    ssl_certificate {{_fixture.CertPath}};
                    ssl_certificate_key {{_fixture.KeyPath}};
                }
            }
            """);

        var result = PeerTools.Run("nginx", ["-t", "-p", prefix + "/", "-c", config, "-e", "stderr"]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("test is successful", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_edge_match_accepts_the_installed_leaf_and_rejects_another_certificate()
    {
        _fixture.Edge().Prepare(_fixture.Spec(), _fixture.Layout);
        var installed = X509CertificateLoader.LoadCertificate(Pem.TryReadLeaf(_fixture.CertPath)!.RawData);
        using var other = new TlsFixture();
        other.Edge().Prepare(other.Spec(), other.Layout);

        Assert.True(EdgeCertificateMatch.ServesInstalled(installed, _fixture.Layout));
        Assert.False(EdgeCertificateMatch.ServesInstalled(Pem.TryReadLeaf(other.CertPath)!, _fixture.Layout));
        Assert.False(EdgeCertificateMatch.ServesInstalled(installed, other.Layout));
    }

    [Theory]
    [InlineData(TlsMode.Acme, "ACME")]
    [InlineData(TlsMode.Ingress, "Kubernetes")]
    public void Acme_and_ingress_are_reported_as_not_handled_and_nothing_is_written(TlsMode mode, string mentioned)
    {
        var plan = _fixture.Edge().Check(_fixture.Spec(mode: mode), _fixture.Layout);
        var result = _fixture.Edge().Prepare(_fixture.Spec(mode: mode), _fixture.Layout);

        Assert.Equal(EdgeCertificateAction.NotHandled, plan.Action);
        Assert.False(result.Ok);
        Assert.False(result.Changed);
        Assert.Contains(mentioned, Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_fixture.Layout.Certificates));
    }
}
