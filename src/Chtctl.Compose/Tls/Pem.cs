using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Chtctl.Compose.Tls;

/// <summary>Reading PEM certificates and keys, and the modes their files and directory get.</summary>
internal static class Pem
{
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PublicFile = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Every CERTIFICATE block of the text, in file order; other blocks (keys, parameters) are skipped.</summary>
    public static X509Certificate2Collection Certificates(string text)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(text);
        return collection;
    }

    public static X509Certificate2? TryReadLeaf(string path)
    {
        try
        {
            var certificates = Certificates(File.ReadAllText(path));
            return certificates.Count > 0 ? certificates[0] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return null;
        }
    }

    public static bool IsEncryptedKey(string text) =>
        text.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal)
        || text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal);

    /// <summary>
    /// The SubjectPublicKeyInfo of the private key in the text (RSA or ECDSA, any of PKCS#8, PKCS#1, SEC1),
    /// or null when there is none. Comparing it with the certificate's is how a key is matched to its
    /// certificate without signing anything; the key itself never leaves this method.
    /// </summary>
    public static byte[]? PublicKeyOfPrivateKey(string text)
    {
        if (!text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            return null;
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(text);
            return rsa.ExportSubjectPublicKeyInfo();
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(text);
            return ecdsa.ExportSubjectPublicKeyInfo();
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    public static byte[] PublicKeyOf(X509Certificate2 certificate) => certificate.PublicKey.ExportSubjectPublicKeyInfo();

    public static string Encode(IEnumerable<X509Certificate2> certificates) =>
        string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));

    public static DateTimeOffset NotAfter(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime());

    public static DateTimeOffset NotBefore(X509Certificate2 certificate) => new(certificate.NotBefore.ToUniversalTime());

    /// <summary>Creates the directory owner-only, or tightens it: it holds the edge's private key.</summary>
    public static void EnsurePrivateDirectory(string directory)
    {
        Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        if (File.GetUnixFileMode(directory) != OwnerOnlyDirectory)
            File.SetUnixFileMode(directory, OwnerOnlyDirectory);
    }
}
