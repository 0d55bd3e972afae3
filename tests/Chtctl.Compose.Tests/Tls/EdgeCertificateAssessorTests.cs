using System.Text;
using Chtctl.Compose.Tls;
using Chtctl.Core.Spec;

namespace Chtctl.Compose.Tests.Tls;

/// <summary>
/// The edge certificate decision on its own: bytes, spec and time in, the action and messages out. Nothing
/// here touches the file system or a clock; the paths only appear in messages.
/// </summary>
public sealed class EdgeCertificateAssessorTests : IDisposable
{
    private const string Certs = "/srv/chtctl/clinic-a/certs";
    private const string SourceCertificate = "/etc/ssl/clinic/fullchain.pem";
    private const string SourceKey = "/etc/ssl/clinic/privkey.pem";

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryCa _ca = new(Now);

    public void Dispose() => _ca.Dispose();

    [Fact]
    public void Nothing_installed_is_a_certificate_to_create()
    {
        var plan = Assess(SelfSigned(), Installed(null, null)).Plan;

        Assert.Equal(EdgeCertificateAction.Create, plan.Action);
        Assert.Equal("self-signed certificate for localhost will be created", plan.Summary);
        Assert.True(plan.Ok);
    }

    [Fact]
    public void A_current_self_signed_certificate_is_kept_with_its_thumbprint()
    {
        var installed = SelfSignedCertificate.Create("localhost", Now.AddDays(-10));

        var plan = Assess(SelfSigned(), Installed(installed)).Plan;

        Assert.Equal(EdgeCertificateAction.None, plan.Action);
        Assert.Equal(EdgeCertificateMatch.Thumbprint(installed.Certificate), plan.Thumbprint);
        Assert.Equal($"self-signed certificate for localhost is current, valid until {plan.NotAfter:yyyy-MM-dd}", plan.Summary);
    }

    [Fact]
    public void An_expired_self_signed_certificate_is_renewed_naming_the_day_it_expired()
    {
        var installed = SelfSignedCertificate.Create("localhost", Now.AddDays(-400));
        var notAfter = Pem.NotAfter(installed.Certificate);

        var plan = Assess(SelfSigned(), Installed(installed)).Plan;

        Assert.Equal(EdgeCertificateAction.Renew, plan.Action);
        Assert.Equal($"expired on {notAfter:yyyy-MM-dd}", plan.Reason);
        Assert.Equal($"self-signed certificate for localhost will be renewed: expired on {notAfter:yyyy-MM-dd}", plan.Summary);
    }

    [Fact]
    public void A_self_signed_certificate_expiring_in_less_than_thirty_days_is_renewed_giving_the_days_left()
    {
        var installed = SelfSignedCertificate.Create("localhost", Now - SelfSignedCertificate.Validity + TimeSpan.FromDays(12.5));

        var plan = Assess(SelfSigned(), Installed(installed)).Plan;

        Assert.Equal(EdgeCertificateAction.Renew, plan.Action);
        Assert.Equal("expires in 12 days", plan.Reason);
    }

    [Fact]
    public void Thirty_one_days_left_is_not_yet_a_renewal()
    {
        var installed = SelfSignedCertificate.Create("localhost", Now - SelfSignedCertificate.Validity + TimeSpan.FromDays(31));

        Assert.Equal(EdgeCertificateAction.None, Assess(SelfSigned(), Installed(installed)).Plan.Action);
    }

    [Fact]
    public void A_changed_host_renews_the_self_signed_certificate_naming_what_it_covered()
    {
        var installed = SelfSignedCertificate.Create("clinic-a.example.org", Now.AddDays(-1));

        var plan = Assess(SelfSigned("clinic-b.example.org"), Installed(installed)).Plan;

        Assert.Equal(EdgeCertificateAction.Renew, plan.Action);
        Assert.Equal("host clinic-b.example.org is no longer covered (it covers clinic-a.example.org)", plan.Reason);
    }

    [Fact]
    public void A_key_of_another_certificate_renews_the_self_signed_certificate()
    {
        var installed = SelfSignedCertificate.Create("localhost", Now.AddDays(-1));
        var other = SelfSignedCertificate.Create("localhost", Now.AddDays(-1));

        var plan = Assess(SelfSigned(), Installed(installed.CertificatePem, other.KeyPem)).Plan;

        Assert.Equal(EdgeCertificateAction.Renew, plan.Action);
        Assert.Equal("key.pem does not match cert.pem", plan.Reason);
    }

    [Fact]
    public void A_missing_key_or_unreadable_files_renew_and_say_which()
    {
        var installed = SelfSignedCertificate.Create("localhost", Now.AddDays(-1));
        var missingKey = new EdgeCertificateInputs(FileBytes.Of(Certs + "/cert.pem", Encoding.ASCII.GetBytes(installed.CertificatePem)), FileBytes.Absent(Certs + "/key.pem"));
        var unreadable = new EdgeCertificateInputs(FileBytes.Of(Certs + "/cert.pem", Encoding.ASCII.GetBytes(installed.CertificatePem)), FileBytes.Unreadable(Certs + "/key.pem", "Access to the path is denied."));

        Assert.Equal("key.pem is missing", Assess(SelfSigned(), missingKey).Plan.Reason);
        Assert.Equal("the files cannot be read (Access to the path is denied.)", Assess(SelfSigned(), unreadable).Plan.Reason);
    }

    [Fact]
    public void A_complete_chain_in_files_mode_is_to_copy_leaf_first_with_the_key_as_given()
    {
        var (leaf, key) = _ca.Leaf("clinic.example.org", Now.AddDays(-1), Now.AddDays(89));

        var assessment = Assess(Files(), Sources(InMemoryCa.Bundle(leaf, _ca.Intermediate, _ca.Root), key));

        Assert.True(assessment.Plan.Ok, string.Join("\n", assessment.Plan.Problems));
        Assert.Equal(EdgeCertificateAction.Copy, assessment.Plan.Action);
        Assert.Equal("no certificate yet", assessment.Plan.Reason);
        Assert.Equal(Encoding.ASCII.GetString(InMemoryCa.Bundle(leaf, _ca.Intermediate, _ca.Root)), assessment.CertificatePem);
        Assert.Equal(key, assessment.KeyBytes);
        Assert.Equal(EdgeCertificateMatch.Thumbprint(leaf), assessment.Plan.Thumbprint);
        Assert.Equal($"certificate for clinic.example.org will be copied from {SourceCertificate} and {SourceKey} (no certificate yet), valid until {Now.AddDays(89):yyyy-MM-dd}", assessment.Plan.Summary);
        Assert.Contains(assessment.Plan.Warnings, w => w.Contains("which this system does not trust", StringComparison.Ordinal));
    }

    [Fact]
    public void Files_already_installed_byte_for_byte_are_kept()
    {
        var (leaf, key) = _ca.Leaf("clinic.example.org", Now.AddDays(-1), Now.AddDays(89));
        var bundle = InMemoryCa.Bundle(leaf, _ca.Intermediate, _ca.Root);
        var copy = Assess(Files(), Sources(bundle, key));
        var installed = Sources(bundle, key) with
        {
            InstalledCertificate = FileBytes.Of(Certs + "/cert.pem", Encoding.ASCII.GetBytes(copy.CertificatePem!)),
            InstalledKey = FileBytes.Of(Certs + "/key.pem", key),
        };

        var plan = Assess(Files(), installed).Plan;

        Assert.Equal(EdgeCertificateAction.None, plan.Action);
        Assert.Equal($"certificate for clinic.example.org from {SourceCertificate} is installed, valid until {Now.AddDays(89):yyyy-MM-dd}", plan.Summary);
    }

    [Fact]
    public void An_incomplete_chain_is_refused_with_the_fix()
    {
        var (leaf, key) = _ca.Leaf("clinic.example.org", Now.AddDays(-1), Now.AddDays(89));

        var plan = Assess(Files(), Sources(InMemoryCa.Bundle(leaf), key)).Plan;

        Assert.False(plan.Ok);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal($"tls.certificateFile: {SourceCertificate} has the leaf only; append the intermediate certificate(s) from your CA (issuer 'CN=chtctl In-Memory Intermediate'), "
            + "usually the file named fullchain.pem or chain.pem, after the leaf", problem);
        Assert.Equal("certificate files refused: 1 problem", plan.Summary);
    }

    [Fact]
    public void An_expired_operator_certificate_is_refused_and_one_expiring_soon_is_a_warning()
    {
        var (expired, expiredKey) = _ca.Leaf("clinic.example.org", Now.AddDays(-90), Now.AddDays(-1));
        var (soon, soonKey) = _ca.Leaf("clinic.example.org", Now.AddDays(-80), Now.AddDays(10.5));

        var refused = Assess(Files(), Sources(InMemoryCa.Bundle(expired, _ca.Intermediate, _ca.Root), expiredKey)).Plan;
        var warned = Assess(Files(), Sources(InMemoryCa.Bundle(soon, _ca.Intermediate, _ca.Root), soonKey)).Plan;

        Assert.Contains(refused.Problems, p => p.StartsWith($"tls.certificateFile: the certificate in {SourceCertificate} expired on {Now.AddDays(-1):u}; renew it with your CA", StringComparison.Ordinal));
        Assert.True(warned.Ok, string.Join("\n", warned.Problems));
        Assert.Contains($"tls.certificateFile: the certificate in {SourceCertificate} expires in 10 days ({Now.AddDays(10.5):yyyy-MM-dd}); renew it and run 'chtctl up' again", warned.Warnings);
    }

    [Fact]
    public void An_operator_certificate_for_another_host_or_with_another_key_is_refused()
    {
        var (leaf, key) = _ca.Leaf("other.example.org", Now.AddDays(-1), Now.AddDays(89));
        var (_, otherKey) = _ca.Leaf("clinic.example.org", Now.AddDays(-1), Now.AddDays(89));
        var bundle = InMemoryCa.Bundle(leaf, _ca.Intermediate, _ca.Root);

        var wrongHost = Assess(Files(), Sources(bundle, key)).Plan;
        var wrongKey = Assess(Files("other.example.org"), Sources(bundle, otherKey)).Plan;

        Assert.Contains(wrongHost.Problems, p => p.StartsWith($"tls.certificateFile: the certificate in {SourceCertificate} does not cover host clinic.example.org; it covers other.example.org", StringComparison.Ordinal));
        Assert.Contains(wrongKey.Problems, p => p.StartsWith($"tls.keyFile: the key in {SourceKey} does not belong to the certificate in {SourceCertificate}", StringComparison.Ordinal));
    }

    [Fact]
    public void Files_mode_without_paths_names_both_missing_settings_at_once()
    {
        var plan = Assess(Files(), Installed(null, null)).Plan;

        Assert.Equal(["tls.certificateFile: mode 'files' needs it; add the path of the PEM file", "tls.keyFile: mode 'files' needs it; add the path of the PEM file"], plan.Problems);
    }

    [Fact]
    public void A_missing_operator_file_is_named()
    {
        var inputs = Installed(null, null) with { SourceCertificate = FileBytes.Absent(SourceCertificate), SourceKey = FileBytes.Absent(SourceKey) };

        var plan = Assess(Files(), inputs).Plan;

        Assert.Equal([
            $"tls.certificateFile: {SourceCertificate} does not exist; check the path (relative paths are read from the instance file's directory)",
            $"tls.keyFile: {SourceKey} does not exist; check the path (relative paths are read from the instance file's directory)"], plan.Problems);
    }

    [Fact]
    public void Acme_is_not_handled_and_says_what_to_use_instead()
    {
        var plan = Assess(new InstanceSpec { Name = "clinic-a", Tls = new TlsSpec { Host = "clinic.example.org", Mode = TlsMode.Acme } }, Installed(null, null)).Plan;

        Assert.Equal(EdgeCertificateAction.NotHandled, plan.Action);
        Assert.StartsWith("tls.mode 'acme': chtctl does not issue ACME certificates yet", plan.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_inputs_and_time_give_the_same_answer_and_a_later_time_another()
    {
        var installed = SelfSignedCertificate.Create("localhost", Now.AddDays(-300));

        var first = Assess(SelfSigned(), Installed(installed)).Plan;
        var again = Assess(SelfSigned(), Installed(installed)).Plan;
        var later = EdgeCertificateAssessor.Assess(SelfSigned(), Installed(installed), Now.AddDays(80)).Plan;

        Assert.Equal((first.Action, first.Summary, first.Thumbprint), (again.Action, again.Summary, again.Thumbprint));
        Assert.Equal(EdgeCertificateAction.None, first.Action);
        Assert.Equal(EdgeCertificateAction.Renew, later.Action);
    }

    private static EdgeCertificateAssessment Assess(InstanceSpec spec, EdgeCertificateInputs inputs) => EdgeCertificateAssessor.Assess(spec, inputs, Now);

    private static InstanceSpec SelfSigned(string host = "localhost") => new() { Name = "clinic-a", Tls = new TlsSpec { Host = host } };

    private static InstanceSpec Files(string host = "clinic.example.org") => new()
    {
        Name = "clinic-a",
        Tls = new TlsSpec { Host = host, Mode = TlsMode.Files, CertificateFile = SourceCertificate, KeyFile = SourceKey },
    };

    private static EdgeCertificateInputs Installed(SelfSignedCertificate.Generated generated) => Installed(generated.CertificatePem, generated.KeyPem);

    private static EdgeCertificateInputs Installed(string? certificatePem, string? keyPem) => new(
        certificatePem is null ? FileBytes.Absent(Certs + "/cert.pem") : FileBytes.Of(Certs + "/cert.pem", Encoding.ASCII.GetBytes(certificatePem)),
        keyPem is null ? FileBytes.Absent(Certs + "/key.pem") : FileBytes.Of(Certs + "/key.pem", Encoding.ASCII.GetBytes(keyPem)));

    private static EdgeCertificateInputs Sources(byte[] certificate, byte[] key) =>
        Installed(null, null) with { SourceCertificate = FileBytes.Of(SourceCertificate, certificate), SourceKey = FileBytes.Of(SourceKey, key) };
}
