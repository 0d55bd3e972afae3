using Chtctl.Testing;

namespace Chtctl.Compose.Tests.Support;

internal static class TestCertificate
{
    /// <summary>Writes a self-signed cert.pem and key.pem for the host into the directory, with openssl.</summary>
    public static void Create(string directory, string host)
    {
        Directory.CreateDirectory(directory);
        var result = PeerTools.Run("openssl",
        [
            "req", "-x509", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-days", "2",
            "-subj", "/CN=" + host, "-addext", "subjectAltName=DNS:" + host + ",IP:127.0.0.1",
            "-keyout", Path.Combine(directory, "key.pem"), "-out", Path.Combine(directory, "cert.pem"),
        ]);
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
