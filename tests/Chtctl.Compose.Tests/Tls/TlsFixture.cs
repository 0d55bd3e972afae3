using Chtctl.Compose.Layout;
using Chtctl.Compose.Tests.Support;
using Chtctl.Compose.Tls;
using Chtctl.Core.Spec;
using Chtctl.Testing;

namespace Chtctl.Compose.Tests.Tls;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>An instance home in a temporary directory, a clock, and the spec that points at them.</summary>
internal sealed class TlsFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ManualClock Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public string Root => _temp.Path;

    public string Home => _temp.Combine("home");

    public InstanceHomeLayout Layout => InstanceHomeLayout.For(Spec());

    public string CertPath => Path.Combine(Layout.Certificates, "cert.pem");

    public string KeyPath => Path.Combine(Layout.Certificates, "key.pem");

    /// <summary>Relative certificate paths are read from the fixture's root, as from an instance file's directory.</summary>
    public EdgeCertificates Edge() => new(Clock, Root);

    public InstanceSpec Spec(string host = "localhost", TlsMode? mode = null, string? certificateFile = null, string? keyFile = null) => new()
    {
        Name = "clinic-a",
        Tls = new TlsSpec { Host = host, Mode = mode, CertificateFile = certificateFile, KeyFile = keyFile },
        Compose = new ComposeSpec { Home = Home },
    };

    public void Dispose() => _temp.Dispose();
}

/// <summary>Certificates made by the real openssl, the way an operator's CA or certbot hands them over.</summary>
internal sealed class OpenSslCa
{
    private readonly string _directory;

    public OpenSslCa(string directory)
    {
        _directory = Directory.CreateDirectory(directory).FullName;
        OpenSsl("req", "-x509", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-days", "3650",
            "-subj", "/CN=chtctl Test Root", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-keyout", P("root.key"), "-out", RootPem);
        Issue("intermediate", "/CN=chtctl Test Intermediate", RootPem, P("root.key"), 1000,
            "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n");
    }

    public string RootPem => P("root.pem");

    public string IntermediatePem => P("intermediate.pem");

    /// <summary>Issues a server certificate from the intermediate; returns the leaf's PEM path (key beside it, .key).</summary>
    public string Leaf(string name, string dnsName, int days = 90) =>
        Issue(name, "/CN=" + dnsName.TrimStart('*', '.'), IntermediatePem, P("intermediate.key"), days,
            $"basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:{dnsName}\n");

    public string Key(string name) => P(name + ".key");

    /// <summary>A bundle as CAs ship it: the leaf, then the intermediate, then (optionally) the root.</summary>
    public string Bundle(string leafName, bool intermediate = true, bool root = true)
    {
        var parts = new List<string> { P(leafName + ".pem") };
        if (intermediate)
            parts.Add(IntermediatePem);
        if (root)
            parts.Add(RootPem);
        var path = P($"{leafName}-bundle-{intermediate}-{root}.pem");
        File.WriteAllText(path, string.Concat(parts.Select(File.ReadAllText)));
        return path;
    }

    private string Issue(string name, string subject, string caPem, string caKey, int days, string extensions)
    {
        var extFile = P(name + ".ext");
        File.WriteAllText(extFile, extensions);
        OpenSsl("req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-subj", subject, "-keyout", P(name + ".key"), "-out", P(name + ".csr"));
        OpenSsl("x509", "-req", "-in", P(name + ".csr"), "-CA", caPem, "-CAkey", caKey, "-set_serial", Random.Shared.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-days", days.ToString(System.Globalization.CultureInfo.InvariantCulture), "-extfile", extFile, "-out", P(name + ".pem"));
        return P(name + ".pem");
    }

    private string P(string file) => Path.Combine(_directory, file);

    public static string OpenSsl(params string[] arguments)
    {
        var result = PeerTools.Run("openssl", arguments);
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output;
    }
}
