using System.Net;
using System.Text;

namespace Chtctl.Cli.Tests.ComposeUpgrade;

/// <summary>
/// One Compose instance on the test Docker engine (<c>CHTCTL_TEST_DOCKER_HOST</c>, set by scripts/test.sh), driven
/// through the chtctl CLI in-process: a unique name, free ports, a temporary home; destroyed with its data at the end.
/// </summary>
internal sealed class EngineInstance : IDisposable
{
    public const string DockerHostVariable = "CHTCTL_TEST_DOCKER_HOST";

    private readonly HttpClient _http = new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(10) };

    public EngineInstance(string prefix, string? dataDir = null)
    {
        var dockerHost = System.Environment.GetEnvironmentVariable(DockerHostVariable);
        Assert.False(string.IsNullOrEmpty(dockerHost),
            $"{DockerHostVariable} is not set: these tests need the private Docker engine with the test images (run scripts/test.sh, or scripts/dockerd.sh start and scripts/images.sh, then export {DockerHostVariable}=unix:///run/chtctl-test/docker.sock)");
        var registry = System.Environment.GetEnvironmentVariable("CHTCTL_TEST_REGISTRY") is { Length: > 0 } r ? r : "localhost/chtctl-test";
        Name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        Home = Path.Combine(Cli.WorkingDirectory, "home");
        Cli.Environment["DOCKER_HOST"] = dockerHost!;
        HttpsPort = FreePort();
        var httpPort = FreePort();
        File = Cli.Write("instance.yaml", $$"""
            apiVersion: chtctl/v1
            name: {{Name}}
            cht: { version: 4.22.0, registry: {{registry}} }
            compose: { home: {{Home}}, {{(dataDir is null ? "" : $"dataDir: {dataDir}, ")}}ports: { http: {{httpPort}}, https: {{HttpsPort}} } }
            tls: { host: localhost }
            images: { haproxy: {{registry}}/haproxy:2.6, nginx: {{registry}}/nginx:1.22, chtctl: {{registry}}/chtctl:test }
            """);
    }

    public CliRunner Cli { get; } = new();

    public string Name { get; }

    public string Home { get; }

    public string File { get; }

    public int HttpsPort { get; }

    public string RecordedState => Path.Combine(Home, "instance.yaml");

    public string HistoryFile => Path.Combine(Home, "history", "history.jsonl");

    public CliRunner.Result Run(params string[] args) => Cli.Run(args);

    /// <summary>What an upgrade that changes nothing must leave as it was: history, recorded state, the rendered project.</summary>
    public IReadOnlyDictionary<string, string> State() =>
        new[] { HistoryFile, RecordedState, Path.Combine(Home, "project", "docker-compose.yml") }
            .ToDictionary(f => f, f => System.IO.File.Exists(f) ? System.IO.File.ReadAllText(f) : "<missing>");

    public IReadOnlyList<System.Text.Json.Nodes.JsonNode> History() =>
        [.. System.IO.File.ReadAllLines(HistoryFile).Where(l => l.Length > 0).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!)];

    /// <summary>api's <c>/api/info</c> through the edge (nginx, TLS), as a browser reaches it.</summary>
    public async Task<string> ApiVersionAsync()
    {
        var body = await _http.GetStringAsync(new Uri($"https://localhost:{HttpsPort}/api/info"));
        return System.Text.Json.Nodes.JsonNode.Parse(body)!["version"]!.GetValue<string>();
    }

    /// <summary>A document in CouchDB's medic database, written and read through the edge with the admin credentials.</summary>
    public async Task<HttpStatusCode> PutDocumentAsync(string id)
    {
        using var request = Admin(HttpMethod.Put, id);
        request.Content = new StringContent("""{"type":"person","name":"written before the upgrade"}""", Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    public async Task<string> GetDocumentAsync(string id)
    {
        using var request = Admin(HttpMethod.Get, id);
        using var response = await _http.SendAsync(request);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    public void Dispose()
    {
        var destroyed = Run("destroy", File, "--delete-data", "--yes");
        _http.Dispose();
        Cli.Dispose();
        Assert.True(destroyed.ExitCode == 0, $"cleanup: destroy of {Name} failed:\n{destroyed.Error}");
    }

    private HttpRequestMessage Admin(HttpMethod method, string id)
    {
        var password = System.IO.File.ReadAllLines(Path.Combine(Home, "secrets.env"))
            .First(l => l.StartsWith("COUCHDB_PASSWORD=", StringComparison.Ordinal))["COUCHDB_PASSWORD=".Length..];
        var request = new HttpRequestMessage(method, new Uri($"https://localhost:{HttpsPort}/medic/{id}"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"medic:{password}")));
        return request;
    }

    private static int FreePort() => Chtctl.Testing.PublishablePorts.Next();

    internal static void AssertExit(int expected, CliRunner.Result result) =>
        Assert.True(result.ExitCode == expected, $"exit {result.ExitCode}, expected {expected}\nstdout:\n{result.Out}\nstderr:\n{result.Error}");
}
