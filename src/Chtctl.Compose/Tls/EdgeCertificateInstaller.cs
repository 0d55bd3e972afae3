using Chtctl.Compose.Layout;
using Chtctl.Core.Writing;

namespace Chtctl.Compose.Tls;

/// <summary>Writes the edge's certificate and key into <c>&lt;home&gt;/certs</c>, which nginx reads.</summary>
internal static class EdgeCertificateInstaller
{
    public static void Install(InstanceHomeLayout layout, string certificatePem, byte[] key)
    {
        Pem.EnsurePrivateDirectory(layout.Certificates);
        // Two renames cannot be one atomic step; a crash between them leaves a key that does not match the
        // certificate, which the next run's mismatch check finds and repairs.
        AtomicFile.Write(EdgeCertificates.KeyPath(layout), key, Pem.OwnerOnlyFile);
        AtomicFile.Write(EdgeCertificates.CertificatePath(layout), certificatePem, Pem.PublicFile);
    }

    /// <summary>A key kept as it is still gets its owner-only mode back, should someone have loosened it.</summary>
    public static void TightenKeyMode(InstanceHomeLayout layout)
    {
        var key = EdgeCertificates.KeyPath(layout);
        if (File.Exists(key) && File.GetUnixFileMode(key) != Pem.OwnerOnlyFile)
            File.SetUnixFileMode(key, Pem.OwnerOnlyFile);
    }
}
