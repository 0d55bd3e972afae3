using Chtctl.Compose.Tls;
using Chtctl.Core.Spec;

namespace Chtctl.Compose.Tests.Tls;

/// <summary>
/// tls.mode files: the operator's certificate and key, checked and copied into the instance home.
/// Inputs come from the real openssl. openssl 3.0 cannot date a certificate in the past, so expired and
/// not-yet-valid certificates are ordinary ones read with the manual clock moved past or before them.
/// </summary>
public sealed class CertificateFilesTests : IDisposable
{
    private const string Host = "cht.example.org";

    private readonly TlsFixture _fixture = new();
    private readonly OpenSslCa _ca;

    public CertificateFilesTests()
    {
        _ca = new OpenSslCa(Path.Combine(_fixture.Root, "ca"));
    }

    public void Dispose() => _fixture.Dispose();

    /// <summary>
    /// Issues a leaf and sets the clock to the moment openssl stamped as its start (openssl reads the real
    /// clock), so "-days 10" leaves exactly 10 days and the clock can be moved before or past it.
    /// </summary>
    private string Leaf(string name, string dnsName, int days = 90)
    {
        var leaf = _ca.Leaf(name, dnsName, days);
        _fixture.Clock.Now = Pem.NotBefore(Pem.TryReadLeaf(leaf)!);
        return leaf;
    }

    private InstanceSpec Files(string certificate, string key, string host = Host) =>
        _fixture.Spec(host, TlsMode.Files, certificate, key);

    [Fact]
    public void A_complete_chain_is_copied_leaf_first_with_a_private_key_and_a_warning_about_the_private_root()
    {
        var leaf = Leaf("server", Host);
        var spec = Files(_ca.Bundle("server"), _ca.Key("server"));

        var plan = _fixture.Edge().Check(spec, _fixture.Layout);
        Assert.Equal(EdgeCertificateAction.Copy, plan.Action);
        Assert.Equal("no certificate yet", plan.Reason);
        Assert.False(Directory.Exists(_fixture.Layout.Certificates));

        var result = _fixture.Edge().Prepare(spec, _fixture.Layout);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.True(result.Changed);
        var installed = Pem.Certificates(File.ReadAllText(_fixture.CertPath));
        Assert.Equal([Host, "chtctl Test Intermediate", "chtctl Test Root"], installed.Select(c => c.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false)));
        Assert.Equal(File.ReadAllBytes(_ca.Key("server")), File.ReadAllBytes(_fixture.KeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_fixture.KeyPath));
        Assert.Equal(EdgeCertificateMatch.Thumbprint(Pem.TryReadLeaf(leaf)!), result.Thumbprint);
        Assert.Contains("which this system does not trust", Assert.Single(result.Warnings), StringComparison.Ordinal);
        Assert.StartsWith($"certificate for {Host} copied from ", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_files_are_not_copied_again_and_changed_ones_are()
    {
        Leaf("server", Host);
        var spec = Files(_ca.Bundle("server"), _ca.Key("server"));
        var first = _fixture.Edge().Prepare(spec, _fixture.Layout);
        Assert.True(first.Ok, string.Join("\n", first.Problems));
        var before = File.ReadAllBytes(_fixture.CertPath);

        var again = _fixture.Edge().Prepare(spec, _fixture.Layout);

        Assert.False(again.Changed);
        Assert.Equal(before, File.ReadAllBytes(_fixture.CertPath));

        Leaf("server", Host);
        _ca.Bundle("server");
        var plan = _fixture.Edge().Check(spec, _fixture.Layout);
        var renewed = _fixture.Edge().Prepare(spec, _fixture.Layout);

        Assert.Equal(EdgeCertificateAction.Copy, plan.Action);
        Assert.Equal("the files changed", plan.Reason);
        Assert.True(renewed.Changed);
        Assert.NotEqual(again.Thumbprint, renewed.Thumbprint);
    }

    [Fact]
    public void Relative_paths_are_read_from_the_instance_file_directory()
    {
        Leaf("server", Host);
        _ca.Bundle("server");

        var result = _fixture.Edge().Prepare(Files("ca/server-bundle-True-True.pem", "ca/server.key"), _fixture.Layout);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
    }

    [Fact]
    public void A_leaf_without_its_intermediate_is_refused_with_the_fix()
    {
        var leaf = Leaf("server", Host);

        var result = _fixture.Edge().Prepare(Files(leaf, _ca.Key("server")), _fixture.Layout);

        Assert.False(result.Ok);
        Assert.Contains($"{leaf} has the leaf only; append the intermediate certificate(s) from your CA", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_fixture.Layout.Certificates));
    }

    [Fact]
    public void A_chain_missing_its_root_that_the_system_does_not_trust_is_incomplete()
    {
        Leaf("server", Host);

        var result = _fixture.Edge().Prepare(Files(_ca.Bundle("server", root: false), _ca.Key("server")), _fixture.Layout);

        Assert.Contains("is incomplete: the issuer 'CN=chtctl Test Root' of 'CN=chtctl Test Intermediate' is neither in the file nor trusted", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_certificate_is_refused()
    {
        Leaf("server", Host);
        Leaf("other", Host);
        var key = _ca.Key("other");

        var result = _fixture.Edge().Prepare(Files(_ca.Bundle("server"), key), _fixture.Layout);

        var problem = Assert.Single(result.Problems);
        Assert.Contains($"the key in {key} does not belong to the certificate", problem, StringComparison.Ordinal);
        Assert.Contains("openssl pkey -pubout -in", problem, StringComparison.Ordinal);
        Assert.False(File.Exists(_fixture.KeyPath));
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        Leaf("server", Host, days: 2);
        var bundle = _ca.Bundle("server");
        _fixture.Clock.Now += TimeSpan.FromDays(3);

        var result = _fixture.Edge().Prepare(Files(bundle, _ca.Key("server")), _fixture.Layout);

        var problem = Assert.Single(result.Problems);
        Assert.Contains($"the certificate in {bundle} expired on ", problem, StringComparison.Ordinal);
        Assert.Contains($"openssl x509 -noout -text -in {bundle}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_not_yet_valid_is_refused()
    {
        Leaf("server", Host);
        var bundle = _ca.Bundle("server");
        _fixture.Clock.Now -= TimeSpan.FromDays(1);

        var result = _fixture.Edge().Prepare(Files(bundle, _ca.Key("server")), _fixture.Layout);

        Assert.Contains("is not valid before", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_expiring_in_ten_days_is_installed_with_a_warning_giving_the_days_left()
    {
        Leaf("server", Host, days: 10);

        var result = _fixture.Edge().Prepare(Files(_ca.Bundle("server"), _ca.Key("server")), _fixture.Layout);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Contains(result.Warnings, w => w.Contains("expires in 10 days", StringComparison.Ordinal));
    }

    [Fact]
    public void A_certificate_for_another_host_is_refused_naming_what_it_covers()
    {
        Leaf("server", "other.example.org");

        var result = _fixture.Edge().Prepare(Files(_ca.Bundle("server"), _ca.Key("server")), _fixture.Layout);

        Assert.Contains($"does not cover host {Host}; it covers other.example.org", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cht.example.org", true)]
    [InlineData("a.b.example.org", false)]
    [InlineData("example.org", false)]
    public void A_wildcard_certificate_covers_exactly_one_label(string host, bool covered)
    {
        Leaf("server", "*.example.org");

        var plan = _fixture.Edge().Check(Files(_ca.Bundle("server"), _ca.Key("server"), host), _fixture.Layout);

        Assert.Equal(covered, plan.Ok);
        if (!covered)
            Assert.Contains($"does not cover host {host}", Assert.Single(plan.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_and_a_missing_key_are_both_reported_at_once()
    {
        var garbage = Path.Combine(_fixture.Root, "garbage.pem");
        File.WriteAllText(garbage, "this is not a certificate\n");
        var missing = Path.Combine(_fixture.Root, "missing.key");

        var result = _fixture.Edge().Prepare(Files(garbage, missing), _fixture.Layout);

        Assert.False(result.Ok);
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains($"tls.certificateFile: {garbage} holds no PEM certificate", result.Problems[0], StringComparison.Ordinal);
        Assert.Contains($"openssl x509 -noout -text -in {garbage}", result.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith($"tls.keyFile: {missing} does not exist", result.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_certificate_file_is_refused_naming_it()
    {
        var missing = Path.Combine(_fixture.Root, "nowhere", "fullchain.pem");
        Leaf("server", Host);

        var result = _fixture.Edge().Prepare(Files(missing, _ca.Key("server")), _fixture.Layout);

        Assert.StartsWith($"tls.certificateFile: {missing} does not exist", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_passphrase_protected_key_is_refused_with_the_command_that_removes_it()
    {
        Leaf("server", Host);
        var encrypted = Path.Combine(_fixture.Root, "encrypted.key");
        OpenSslCa.OpenSsl("pkey", "-in", _ca.Key("server"), "-aes256", "-passout", "pass:secret", "-out", encrypted);

        var result = _fixture.Edge().Prepare(Files(_ca.Bundle("server"), encrypted), _fixture.Layout);

        Assert.Contains("is encrypted with a passphrase", Assert.Single(result.Problems), StringComparison.Ordinal);
    }
}
