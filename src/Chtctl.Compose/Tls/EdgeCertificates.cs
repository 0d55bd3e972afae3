using System.Text;
using Chtctl.Compose.Layout;
using Chtctl.Core.Spec;

namespace Chtctl.Compose.Tls;

/// <summary>
/// The edge's certificate in <c>&lt;home&gt;/certs</c> (cert.pem, key.pem), which nginx reads. <see cref="Check"/>
/// answers <c>plan</c> without writing; <see cref="Prepare"/> makes it so during <c>up</c>. Both read the files
/// (<see cref="EdgeCertificateInputs"/>), then take the same pure decision (<see cref="EdgeCertificateAssessor"/>),
/// so the plan never promises something <c>up</c> would not do; only <see cref="Prepare"/> generates a key
/// and writes (<see cref="EdgeCertificateInstaller"/>).
/// </summary>
/// <param name="time">The clock for validity and renewal decisions.</param>
/// <param name="relativeTo">
/// Where relative <c>tls.certificateFile</c> / <c>tls.keyFile</c> paths are read from: the loader keeps
/// them as written, so the caller passes the instance file's directory; the current directory otherwise.
/// </param>
public sealed class EdgeCertificates(TimeProvider time, string? relativeTo = null)
{
    /// <summary>Renew (self-signed) or warn (files) when fewer days than this are left.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public const string CertificateFileName = "cert.pem";
    public const string KeyFileName = "key.pem";

    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    public static string CertificatePath(InstanceHomeLayout layout) => layout.Certificates + "/" + CertificateFileName;

    public static string KeyPath(InstanceHomeLayout layout) => layout.Certificates + "/" + KeyFileName;

    public EdgeCertificatePlan Check(InstanceSpec spec, InstanceHomeLayout layout) =>
        EdgeCertificateAssessor.Assess(spec, EdgeCertificateInputs.Read(spec, layout, relativeTo), _time.GetUtcNow()).Plan;

    public EdgeCertificateResult Prepare(InstanceSpec spec, InstanceHomeLayout layout)
    {
        var now = _time.GetUtcNow();
        var assessment = EdgeCertificateAssessor.Assess(spec, EdgeCertificateInputs.Read(spec, layout, relativeTo), now);
        var plan = assessment.Plan;
        if (!plan.Ok || plan.Action is EdgeCertificateAction.NotHandled)
            return new EdgeCertificateResult(false, false, plan.Problems, plan.Warnings, plan.Summary, plan.Thumbprint, plan.NotAfter);

        var host = spec.Tls.Host;
        switch (plan.Action)
        {
            case EdgeCertificateAction.Create or EdgeCertificateAction.Renew:
                {
                    var generated = SelfSignedCertificate.Create(host, now);
                    EdgeCertificateInstaller.Install(layout, generated.CertificatePem, Encoding.ASCII.GetBytes(generated.KeyPem));
                    var notAfter = Pem.NotAfter(generated.Certificate);
                    var verb = plan.Action == EdgeCertificateAction.Create ? "created" : $"renewed ({plan.Reason})";
                    return new EdgeCertificateResult(true, true, [], plan.Warnings,
                        $"self-signed certificate for {host} {verb}, valid until {EdgeCertificateAssessor.Day(notAfter)}",
                        EdgeCertificateMatch.Thumbprint(generated.Certificate), notAfter);
                }

            case EdgeCertificateAction.Copy:
                EdgeCertificateInstaller.Install(layout, assessment.CertificatePem!, assessment.KeyBytes!);
                return new EdgeCertificateResult(true, true, [], plan.Warnings,
                    $"certificate for {host} copied from {assessment.Source}, valid until {EdgeCertificateAssessor.Day(plan.NotAfter!.Value)}",
                    plan.Thumbprint, plan.NotAfter);

            default:
                EdgeCertificateInstaller.TightenKeyMode(layout);
                return new EdgeCertificateResult(true, false, [], plan.Warnings, plan.Summary, plan.Thumbprint, plan.NotAfter);
        }
    }
}
