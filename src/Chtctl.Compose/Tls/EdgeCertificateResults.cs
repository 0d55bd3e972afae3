using Chtctl.Core.Spec;

namespace Chtctl.Compose.Tls;

/// <summary>What <see cref="EdgeCertificates.Prepare"/> would do to <c>&lt;home&gt;/certs</c>.</summary>
public enum EdgeCertificateAction
{
    /// <summary>The installed certificate stays as it is (or, with problems, nothing may be done).</summary>
    None,

    /// <summary>A self-signed certificate is generated where there is none.</summary>
    Create,

    /// <summary>The self-signed certificate is regenerated; <see cref="EdgeCertificatePlan.Reason"/> says why.</summary>
    Renew,

    /// <summary>The operator's certificate and key (mode <c>files</c>) are copied in.</summary>
    Copy,

    /// <summary>The mode is not handled here (<c>acme</c>, <c>ingress</c>).</summary>
    NotHandled,
}

/// <summary>
/// The read-only answer for <c>plan</c>: the action, why, and every problem found. Holds no key material;
/// <see cref="Thumbprint"/> and <see cref="NotAfter"/> describe the certificate that stays or will be copied
/// (null when one is still to be generated).
/// </summary>
public sealed record EdgeCertificatePlan(
    TlsMode Mode,
    EdgeCertificateAction Action,
    string? Reason,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Warnings,
    string Summary,
    string? Thumbprint,
    DateTimeOffset? NotAfter)
{
    public bool Ok => Problems.Count == 0;

    public override string ToString() => Summary;
}

/// <summary>
/// What <see cref="EdgeCertificates.Prepare"/> did. <see cref="Thumbprint"/> is the SHA-256 of the leaf in
/// <c>cert.pem</c> (upper-case hex, as <c>openssl x509 -fingerprint -sha256</c> prints it without colons).
/// </summary>
public sealed record EdgeCertificateResult(
    bool Ok,
    bool Changed,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Warnings,
    string Summary,
    string? Thumbprint,
    DateTimeOffset? NotAfter)
{
    public override string ToString() => Summary;
}
