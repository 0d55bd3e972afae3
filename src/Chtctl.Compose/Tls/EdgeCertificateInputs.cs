using Chtctl.Compose.Layout;
using Chtctl.Core.Spec;

namespace Chtctl.Compose.Tls;

/// <summary>
/// Everything the edge certificate decision reads from disk, read in one place before it is made: the
/// certificate and key installed in <c>&lt;home&gt;/certs</c>, and in mode <c>files</c> the operator's
/// <c>tls.certificateFile</c> and <c>tls.keyFile</c> (null when the instance file names none).
/// </summary>
internal sealed record EdgeCertificateInputs(
    FileBytes InstalledCertificate,
    FileBytes InstalledKey,
    FileBytes? SourceCertificate = null,
    FileBytes? SourceKey = null)
{
    /// <summary>Reads what the spec's mode needs; <paramref name="relativeTo"/> is where relative <c>tls.*File</c> paths start (the current directory when null).</summary>
    public static EdgeCertificateInputs Read(InstanceSpec spec, InstanceHomeLayout layout, string? relativeTo)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(layout);
        var installedCertificate = FileBytes.ReadInstalled(EdgeCertificates.CertificatePath(layout));
        var installedKey = FileBytes.ReadInstalled(EdgeCertificates.KeyPath(layout));
        if (spec.Tls.EffectiveMode(spec.Target) != TlsMode.Files)
            return new EdgeCertificateInputs(installedCertificate, installedKey);

        var directory = relativeTo ?? Directory.GetCurrentDirectory();
        FileBytes? Source(string? path) => string.IsNullOrEmpty(path) ? null : FileBytes.ReadOperators(Path.GetFullPath(path, directory));
        return new EdgeCertificateInputs(installedCertificate, installedKey, Source(spec.Tls.CertificateFile), Source(spec.Tls.KeyFile));
    }
}
