using System.Net;
using System.Text;
using System.Text.Json;
using Chtctl.Core.Versions;
using Chtctl.Services.UpgradeService;

namespace Chtctl.Services.Tests.UpgradeService;

/// <summary>The upgrade service on a loopback port, asked the way CHT api asks (cht-hosting.md §6), with a fake runner.</summary>
public sealed class UpgradeServiceTests : IAsyncLifetime
{
    private const string Registry = "public.ecr.aws/medic";
    private readonly StringWriter _log = new();
    private readonly FakeUpgradeRunner _runner = new(new ChtVersion(4, 22, 0));
    private UpgradeHttpServer _server = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        var options = new UpgradeServiceOptions { Instance = "clinic-a", Registry = Registry, Port = 0, BindAddress = "127.0.0.1" };
        _server = new UpgradeHttpServer(options, new UpgradeEndpoints(_runner, Registry), new UpgradeServiceLog(_log, TimeProvider.System));
        _server.Start();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_server.Port}") };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>api's payload for a release: every tag of the staging document, plus the compose files chtctl ignores.</summary>
    private static string StagingPayload(string version, string registry = Registry) => JsonSerializer.Serialize(new
    {
        containers = new[] { "cht-api", "cht-sentinel", "cht-couchdb", "cht-haproxy", "cht-haproxy-healthcheck", "cht-nginx" }
            .Select(name => new { container_name = name, image_tag = $"{registry}/{name}:{version}" }),
        docker_compose = new Dictionary<string, string> { ["cht-core.yml"] = "services: {}\n", ["cht-couchdb.yml"] = "services: {}\n" },
    });

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Root_answers_both_upstream_shapes()
    {
        var body = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/", UriKind.Relative))).RootElement;

        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Equal("Upgrade service working.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Server_status_is_ready_when_nothing_runs()
    {
        var body = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/server-status", UriKind.Relative))).RootElement;

        Assert.True(body.GetProperty("ready").GetBoolean());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_staging_payload_starts_one_upgrade_and_every_container_is_ok()
    {
        var (status, body) = await PostAsync("/upgrade", StagingPayload("4.23.0"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["cht-api", "cht-couchdb", "cht-haproxy", "cht-haproxy-healthcheck", "cht-nginx", "cht-sentinel"],
            body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(body.EnumerateObject(), p => Assert.True(p.Value.GetProperty("ok").GetBoolean()));
        var start = Assert.Single(_runner.Starts);
        Assert.Equal(new ChtVersion(4, 23, 0), start.Target);
        Assert.Contains("POST /upgrade 200 started target=4.23.0 from=4.22.0", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_comes_while_the_upgrade_still_runs_and_a_second_one_gets_409_with_progress()
    {
        var (first, _) = await PostAsync("/install", StagingPayload("4.23.0"));
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.False(_runner.Finished.IsCompleted);

        var status = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/server-status", UriKind.Relative))).RootElement;
        Assert.False(status.GetProperty("ready").GetBoolean());

        var (second, body) = await PostAsync("/upgrade", StagingPayload("4.23.1"));
        Assert.Equal(HttpStatusCode.Conflict, second);
        Assert.Equal("4.23.0", body.GetProperty("progress").GetProperty("to").GetString());
        Assert.Equal("pulling images", body.GetProperty("progress").GetProperty("step").GetString());
        Assert.Single(_runner.Starts);

        _runner.Finish();
        var (third, _) = await PostAsync("/upgrade", StagingPayload("4.23.1"));
        Assert.Equal(HttpStatusCode.OK, third);
    }

    [Fact]
    public async Task A_downgrade_is_refused_with_the_reason_and_nothing_starts()
    {
        var (status, body) = await PostAsync("/upgrade", StagingPayload("4.21.0"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("older than the running 4.22.0", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(_runner.Starts);
    }

    [Fact]
    public async Task Start_answers_ok_and_changes_nothing()
    {
        var (status, body) = await PostAsync("/start", "");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Empty(_runner.Starts);
    }

    public static TheoryData<string, string, string, int, string> BadPayloads => new()
    {
        { "missing containers", """{"docker_compose":{}}""", "application/json", 400, "'containers' is missing" },
        { "empty list", """{"containers":[]}""", "application/json", 400, "'containers' is empty" },
        { "missing image_tag", """{"containers":[{"container_name":"cht-api"}]}""", "application/json", 400, "containers[0] needs" },
        { "unknown container", """{"containers":[{"container_name":"evil","image_tag":"public.ecr.aws/medic/cht-api:4.23.0"}]}""", "application/json", 400, "Unknown container name(s): evil" },
        { "foreign registry", StagingPayload("4.23.0", "docker.io/attacker"), "application/json", 400, "not from this instance's registry" },
        { "repository of another container", """{"containers":[{"container_name":"cht-api","image_tag":"public.ecr.aws/medic/cht-sentinel:4.23.0"}]}""", "application/json", 400, "expected public.ecr.aws/medic/cht-api" },
        { "mixed versions", """{"containers":[{"container_name":"cht-api","image_tag":"public.ecr.aws/medic/cht-api:4.23.0"},{"container_name":"cht-sentinel","image_tag":"public.ecr.aws/medic/cht-sentinel:4.22.1"}]}""", "application/json", 400, "different versions" },
        { "only non-CHT images", """{"containers":[{"container_name":"cht-nginx","image_tag":"public.ecr.aws/medic/cht-nginx:4.23.0"}]}""", "application/json", 400, "No CHT release image" },
        { "build tag, not a release", """{"containers":[{"container_name":"cht-api","image_tag":"public.ecr.aws/medic/cht-api:4.23.0-alpha.1"}]}""", "application/json", 400, "not a CHT release version" },
        { "malformed JSON", """{"containers":[""", "application/json", 400, "not JSON" },
        { "empty body", "", "application/json", 400, "the body is empty" },
        { "wrong content type", StagingPayload("4.23.0"), "text/plain", 415, "expected Content-Type application/json" },
        { "huge body", $$"""{"containers":[],"pad":"{{new string('x', 2 * 1024 * 1024)}}"}""", "application/json", 413, "request entity too large" },
    };

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public async Task A_bad_payload_is_refused_in_both_error_shapes_and_nothing_starts(string why, string payload, string contentType, int status, string reason)
    {
        var (actual, body) = await PostAsync("/upgrade", payload, contentType);

        Assert.True(status == (int)actual, $"{why}: expected {status}, got {(int)actual}");
        Assert.True(body.GetProperty("error").GetBoolean());
        Assert.Contains(reason, body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(body.GetProperty("reason").GetString(), body.GetProperty("message").GetString());
        Assert.Empty(_runner.Starts);
        Assert.Contains($"POST /upgrade {status} ", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_named()
    {
        using var missing = await _http.GetAsync(new Uri("/nope", UriKind.Relative));
        using var wrongMethod = await _http.GetAsync(new Uri("/upgrade", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }
}
