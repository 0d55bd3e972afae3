using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Chtctl.Compose.Tests.Tls;

/// <summary>
/// A root, an intermediate and leaves made in memory (no openssl, no files), for the pure assessment: PEM
/// bytes as an operator's CA would hand them over.
/// </summary>
internal sealed class InMemoryCa : IDisposable
{
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private int _serial = 1;

    public InMemoryCa(DateTimeOffset now)
    {
        var root = new CertificateRequest("CN=chtctl In-Memory Root", _rootKey, HashAlgorithmName.SHA256);
        AddCaExtensions(root);
        Root = root.CreateSelfSigned(now.AddYears(-1), now.AddYears(10));

        var intermediate = new CertificateRequest("CN=chtctl In-Memory Intermediate", _intermediateKey, HashAlgorithmName.SHA256);
        AddCaExtensions(intermediate);
        Intermediate = intermediate.Create(Root, now.AddYears(-1), now.AddYears(5), Serial()).CopyWithPrivateKey(_intermediateKey);
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    /// <summary>A server certificate for <paramref name="dnsName"/> and its PKCS#8 key, both PEM.</summary>
    public (X509Certificate2 Leaf, byte[] KeyPem) Leaf(string dnsName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dnsName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var leaf = request.Create(Intermediate, notBefore, notAfter, Serial());
        return (leaf, Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem() + "\n"));
    }

    /// <summary>The PEM bundle of the certificates, in the order given.</summary>
    public static byte[] Bundle(params X509Certificate2[] certificates) =>
        Encoding.ASCII.GetBytes(string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));

    public void Dispose()
    {
        _rootKey.Dispose();
        _intermediateKey.Dispose();
    }

    private static void AddCaExtensions(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
    }

    private byte[] Serial() => [0x01, (byte)_serial++];
}
