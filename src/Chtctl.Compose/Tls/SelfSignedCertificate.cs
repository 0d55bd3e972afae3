using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Chtctl.Compose.Tls;

/// <summary>
/// Generates the edge's self-signed certificate. ECDSA P-256 rather than RSA 2048: generation is instant
/// (RSA key generation takes up to a second and varies), the key and handshake are smaller and faster on
/// the low-end Android phones CHT serves, and every client CHT supports (Android 5+, current browsers)
/// accepts it. The certificate is a leaf (CA:false): Firefox refuses a CA certificate used as a server's.
/// </summary>
internal static class SelfSignedCertificate
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(397);

    /// <summary>A clock a few minutes behind still accepts a certificate made just now.</summary>
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    public sealed record Generated(string CertificatePem, string KeyPem, X509Certificate2 Certificate);

    public static Generated Create(string host, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + host), key, HashAlgorithmName.SHA256);

        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host, out var address))
            names.AddIpAddress(address);
        else
            names.AddDnsName(host);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            // Browsers on the server itself often use the address rather than the name.
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "serverAuth")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // Whole seconds: X.509 times carry no fractions, and tests compare with what was asked for.
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()) - Backdate;
        var certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key),
            notBefore, notBefore + Validity, SerialNumber());
        return new Generated(certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n", certificate);
    }

    /// <summary>128 random bits, positive and without a leading zero byte (RFC 5280 wants at most 20 octets, positive).</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
