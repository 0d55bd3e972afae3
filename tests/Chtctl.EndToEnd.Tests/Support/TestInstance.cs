using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Chtctl.EndToEnd.Tests.Support;

/// <summary>
/// One CHT instance for a test class: its own name (<c>e2e-</c> prefixed), free ports picked now, and a home
/// under a temp directory. Disposing it destroys the instance with its data and removes the directory.
/// </summary>
internal sealed class TestInstance : IAsyncDisposable
{
    private readonly string _root;

    public TestInstance(string label, string chtVersion = "4.22.0", string? extra = null)
    {
        // Fails first, before anything is created, when the tests were not started with the test engine.
        _ = TestEngine.DockerHost;
        _ = TestEngine.Registry;
        Name = $"e2e-{label}-{Guid.NewGuid().ToString("N")[..6]}";
        _root = Directory.CreateTempSubdirectory($"chtctl-e2e-{label}-").FullName;
        Home = Path.Combine(_root, "home");
        HttpPort = TestEngine.FreePort();
        HttpsPort = TestEngine.FreePort();
        while (HttpsPort == HttpPort)
            HttpsPort = TestEngine.FreePort();
        InstanceFile = WriteFile("instance.yaml", chtVersion, extra);
    }

    public string Name { get; }

    public string Home { get; }

    public int HttpPort { get; }

    public int HttpsPort { get; }

    /// <summary>The instance file every verb is given.</summary>
    public string InstanceFile { get; }

    public string Folder => _root;

    public string CertificateFile => Path.Combine(Home, "certs", "cert.pem");

    public string LockFile => Path.Combine(Home, "chtctl.lock");

    /// <summary>Another instance file for the same instance (same name, home and ports) with other settings.</summary>
    public string WriteFile(string fileName, string chtVersion = "4.22.0", string? extra = null)
    {
        var path = Path.Combine(_root, fileName);
        var text = new StringBuilder()
            .Append("apiVersion: chtctl/v1\n")
            .Append(CultureInfo.InvariantCulture, $"name: {Name}\n")
            .Append(CultureInfo.InvariantCulture, $"cht: {{ version: {chtVersion}, registry: {TestEngine.Registry} }}\n")
            .Append(CultureInfo.InvariantCulture, $"compose: {{ home: {Home}, ports: {{ http: {HttpPort}, https: {HttpsPort} }} }}\n")
            .Append(CultureInfo.InvariantCulture, $"images: {{ haproxy: {TestEngine.Registry}/haproxy:2.6, nginx: {TestEngine.Registry}/nginx:1.22, chtctl: {TestEngine.Registry}/chtctl:test }}\n")
            .Append(extra ?? "tls: { host: localhost }\n")
            .ToString();
        File.WriteAllText(path, text);
        return path;
    }

    public Task<ChtctlResult> RunAsync(params string[] arguments) => ChtctlProcess.RunAsync(arguments);

    /// <summary>A verb on this instance's file: <c>chtctl VERB FILE [options]</c>.</summary>
    public Task<ChtctlResult> VerbAsync(string verb, params string[] options) => ChtctlProcess.RunAsync([verb, InstanceFile, .. options]);

    /// <summary><c>chtctl up</c>, failing the test with chtctl's output unless the instance ends healthy.</summary>
    public async Task<ChtctlResult> UpAsync()
    {
        var up = await VerbAsync("up").ConfigureAwait(false);
        Assert.True(up.ExitCode == 0, up.ToString());
        return up;
    }

    public IReadOnlyDictionary<string, Docker.Container> Containers() => Docker.Containers(Name);

    /// <summary>The instance's CouchDB credentials from <c>HOME/secrets.env</c>.</summary>
    public string CouchDbPassword() =>
        File.ReadAllLines(Path.Combine(Home, "secrets.env"))
            .Where(l => l.StartsWith("COUCHDB_PASSWORD=", StringComparison.Ordinal))
            .Select(l => l["COUCHDB_PASSWORD=".Length..])
            .Single();

    /// <summary>
    /// An HTTPS client for the instance's edge that accepts its self-signed certificate and remembers the
    /// certificate the edge presented.
    /// </summary>
    public EdgeClient Edge(string? password = null) => new(HttpsPort, password is null ? null : ("medic", password));

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(InstanceFile))
        {
            try
            {
                await ChtctlProcess.RunAsync(["destroy", InstanceFile, "--delete-data", "--yes"], timeout: TimeSpan.FromMinutes(3)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Best effort: the directory below still goes.
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A container that outlived the destroy may still hold a file; the OS cleans /tmp.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>HTTPS to an instance's edge, the way a browser or app would reach it.</summary>
internal sealed class EdgeClient : IDisposable
{
    private readonly HttpClient _client;

    public EdgeClient(int httpsPort, (string User, string Password)? credentials)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                PresentedCertificate = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
                return true;
            },
        };
        _client = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{httpsPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        if (credentials is { } c)
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")));
    }

    public X509Certificate2? PresentedCertificate { get; private set; }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        return (response.StatusCode, await BodyAsync(response).ConfigureAwait(false));
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(string path, object document)
    {
        using var content = new StringContent(JsonSerializer.Serialize(document), Encoding.UTF8, "application/json");
        using var response = await _client.PutAsync(new Uri(path, UriKind.Relative), content).ConfigureAwait(false);
        return (response.StatusCode, await BodyAsync(response).ConfigureAwait(false));
    }

    public void Dispose() => _client.Dispose();

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var document = JsonDocument.Parse(JsonSerializer.Serialize(text));
            return document.RootElement.Clone();
        }
    }
}
