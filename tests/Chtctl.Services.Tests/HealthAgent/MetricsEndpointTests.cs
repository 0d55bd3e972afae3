using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Chtctl.Services.HealthAgent;

namespace Chtctl.Services.Tests.HealthAgent;

/// <summary>The agent's HTTP port: metrics, liveness and the drain/ready admin calls, with nodes that do not answer.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private readonly StringWriter _log = new();
    private HealthAgentHost _agent = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        var options = new AgentOptions
        {
            Nodes = [new NodeTarget("couchdb-1", new Uri("http://127.0.0.1:1/")), new NodeTarget("couchdb-2", new Uri("http://127.0.0.1:1/"))],
            User = "medic",
            Password = "very-secret-pw",
            AgentPort = 0,
            MetricsPort = 0,
            BindAddress = "127.0.0.1",
        };
        _agent = new HealthAgentHost(options, new AgentLog(_log, AgentLogLevel.Debug, TimeProvider.System), TimeProvider.System);
        _agent.Start();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_agent.MetricsPort}") };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Healthz_answers_ok()
    {
        using var response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_count_checks_and_answers_per_node_and_state_in_prometheus_text()
    {
        await AskAsync("couchdb-1\n");
        await AskAsync("nobody\n");

        var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("# TYPE chtctl_healthcheck_checks_total counter\nchtctl_healthcheck_checks_total 2\n", text, StringComparison.Ordinal);
        Assert.Contains("chtctl_healthcheck_answers_total{node=\"couchdb-1\",state=\"down\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("chtctl_healthcheck_answers_total{node=\"unknown\",state=\"down\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("chtctl_healthcheck_couchdb_request_seconds_bucket{node=\"couchdb-1\",le=\"+Inf\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_without_the_admin_credentials_is_refused_and_changes_nothing()
    {
        using var response = await _http.PostAsync(new Uri("/nodes/couchdb-1/drain", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_agent.Drains.Drained);
    }

    [Fact]
    public async Task Drain_of_an_unknown_node_names_the_known_ones()
    {
        using var request = Admin(HttpMethod.Post, "/nodes/couchdb-7/drain");
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("couchdb-1, couchdb-2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_then_ready_is_listed_under_nodes_and_in_the_metrics()
    {
        using (var drain = Admin(HttpMethod.Post, "/nodes/couchdb-2/drain"))
            (await _http.SendAsync(drain)).EnsureSuccessStatusCode();

        Assert.Contains("{\"node\":\"couchdb-2\",\"drained\":true}", await _http.GetStringAsync(new Uri("/nodes", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("chtctl_healthcheck_node_drained{node=\"couchdb-2\"} 1", await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);

        using (var ready = Admin(HttpMethod.Post, "/nodes/couchdb-2/ready"))
            (await _http.SendAsync(ready)).EnsureSuccessStatusCode();
        Assert.Empty(_agent.Drains.Drained);
    }

    [Fact]
    public async Task The_log_names_sick_nodes_and_operator_actions_but_never_the_password()
    {
        await AskAsync("couchdb-1\n");
        using (var drain = Admin(HttpMethod.Post, "/nodes/couchdb-2/drain"))
            await _http.SendAsync(drain);

        var log = _log.ToString();
        Assert.Contains("node couchdb-1 is down: connection refused", log, StringComparison.Ordinal);
        Assert.Contains("node couchdb-2 drained by an operator", log, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-pw", log, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Admin(HttpMethod method, string path) => new(method, new Uri(path, UriKind.Relative))
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("medic:very-secret-pw"))) },
    };

    private async Task<string> AskAsync(string line)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _agent.AgentPort);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(line));
        using var reader = new StreamReader(client.GetStream());
        return await reader.ReadLineAsync() ?? "";
    }
}
