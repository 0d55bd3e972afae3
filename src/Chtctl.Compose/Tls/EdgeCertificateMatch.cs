using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Chtctl.Compose.Layout;

namespace Chtctl.Compose.Tls;

/// <summary>
/// Whether the certificate an HTTPS endpoint presented is the one chtctl installed: the driver's health
/// gate uses it to catch an nginx still serving an old certificate (it only reads certificates on start or
/// reload). Compared by SHA-256 of the DER encoding, never by subject: a renewed certificate has the same one.
/// </summary>
public static class EdgeCertificateMatch
{
    /// <summary>SHA-256 of the certificate's DER encoding, upper-case hex.</summary>
    public static string Thumbprint(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    public static bool IsSame(X509Certificate presented, X509Certificate expected) =>
        string.Equals(Thumbprint(presented), Thumbprint(expected), StringComparison.Ordinal);

    /// <summary>The thumbprint of the leaf in <c>&lt;certs&gt;/cert.pem</c>, or null when none is installed.</summary>
    public static string? InstalledThumbprint(InstanceHomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        using var installed = Pem.TryReadLeaf(EdgeCertificates.CertificatePath(layout));
        return installed is null ? null : Thumbprint(installed);
    }

    /// <summary>
    /// Compares with the leaf (first certificate) of <c>&lt;certs&gt;/cert.pem</c>; false when that file is
    /// missing or holds no certificate, since the edge then cannot be serving what chtctl installed.
    /// </summary>
    public static bool ServesInstalled(X509Certificate presented, InstanceHomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var installed = Pem.TryReadLeaf(EdgeCertificates.CertificatePath(layout));
        return installed is not null && IsSame(presented, installed);
    }
}
