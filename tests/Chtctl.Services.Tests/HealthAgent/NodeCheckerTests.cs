using Chtctl.Services.HealthAgent;
using Chtctl.Testing;

namespace Chtctl.Services.Tests.HealthAgent;

/// <summary>The membership rules, against a node answering over real HTTP on loopback.</summary>
public sealed class NodeCheckerTests
{
    private const string Three = """["couchdb@couchdb-1.local","couchdb@couchdb-2.local","couchdb@couchdb-3.local"]""";

    [Fact]
    public async Task A_member_that_sees_the_whole_cluster_is_up()
    {
        Assert.Equal(NodeHealth.Up, await CheckAsync($$"""{"all_nodes":{{Three}},"cluster_nodes":{{Three}}}"""));
    }

    [Fact]
    public async Task A_node_missing_from_its_own_cluster_nodes_is_down()
    {
        const string others = """["couchdb@couchdb-1.local","couchdb@couchdb-3.local"]""";

        var health = await CheckAsync($$"""{"all_nodes":{{others}},"cluster_nodes":{{others}}}""");

        Assert.Equal(NodeHealth.Down("not a cluster member"), health);
    }

    [Fact]
    public async Task A_node_connected_to_no_majority_of_the_cluster_is_down()
    {
        const string self = """["couchdb@couchdb-2.local"]""";

        var health = await CheckAsync($$"""{"all_nodes":{{self}},"cluster_nodes":{{Three}}}""");

        Assert.Equal(NodeHealth.Down("connected to 1 of 3 nodes"), health);
    }

    [Fact]
    public async Task A_node_whose_one_peer_died_stays_up_because_it_still_has_a_majority()
    {
        // CouchDB drops a dead peer from every other node's all_nodes; upstream's all_nodes == cluster_nodes
        // rule took every backend down at that moment (cht-core#9284).
        const string two = """["couchdb@couchdb-2.local","couchdb@couchdb-3.local"]""";

        var health = await CheckAsync($$"""{"all_nodes":{{two}},"cluster_nodes":{{Three}}}""");

        Assert.Equal(NodeHealth.Up, health);
    }

    [Fact]
    public async Task A_cluster_with_fewer_members_than_the_instance_has_nodes_is_down()
    {
        const string two = """["couchdb@couchdb-1.local","couchdb@couchdb-2.local"]""";

        var health = await CheckAsync($$"""{"all_nodes":{{two}},"cluster_nodes":{{two}}}""");

        Assert.Equal(NodeHealth.Down("cluster has 2 of 3 nodes"), health);
    }

    [Fact]
    public async Task A_single_node_is_judged_by_up_alone()
    {
        await using var node = new LoopbackHttpServer(r => r.Url!.AbsolutePath == "/_up" ? (200, "{\"status\":\"ok\"}") : (404, "{}"));
        var options = new AgentOptions { Nodes = [new NodeTarget("couchdb", new Uri(node.Url + "/"))], User = "medic", Password = "pw", CouchDbTimeout = TimeSpan.FromSeconds(10) };
        using var http = new HttpClient();

        var health = await new NodeChecker(http, options, new AgentMetrics()).CheckAsync(options.Nodes[0], CancellationToken.None);

        Assert.Equal(NodeHealth.Up, health);
        Assert.DoesNotContain("/_membership", node.RequestedPaths);
    }

    [Fact]
    public async Task Membership_that_is_not_json_is_down()
    {
        Assert.Equal(NodeHealth.Down("unreadable /_membership"), await CheckAsync("<html>"));
    }

    [Fact]
    public async Task A_port_where_nothing_listens_is_down_as_refused()
    {
        var options = Options(new Uri($"http://127.0.0.1:{FreePorts.Loopback()}/"));
        using var http = new HttpClient();

        var health = await new NodeChecker(http, options, new AgentMetrics()).CheckAsync(options.Nodes[1], CancellationToken.None);

        Assert.Equal(NodeHealth.Down("connection refused"), health);
    }

    [Fact]
    public async Task The_checks_send_the_admin_credentials_and_are_timed_in_the_metrics()
    {
        string? auth = null;
        await using var node = new LoopbackHttpServer(r =>
        {
            auth = r.Headers["Authorization"];
            return (200, r.Url!.AbsolutePath == "/_up" ? "{\"status\":\"ok\"}" : $$"""{"all_nodes":{{Three}},"cluster_nodes":{{Three}}}""");
        });
        var options = Options(new Uri(node.Url + "/"));
        var metrics = new AgentMetrics();
        using var http = new HttpClient();

        await new NodeChecker(http, options, metrics).CheckAsync(options.Nodes[1], CancellationToken.None);

        Assert.Equal("Basic " + Convert.ToBase64String("medic:pw"u8.ToArray()), auth);
        Assert.Contains("chtctl_healthcheck_couchdb_request_seconds_count{node=\"couchdb-2\"} 2", metrics.Render([]), StringComparison.Ordinal);
    }

    private static async Task<NodeHealth> CheckAsync(string membership)
    {
        await using var node = new LoopbackHttpServer(r => r.Url!.AbsolutePath switch
        {
            "/_up" => (200, "{\"status\":\"ok\"}"),
            "/_membership" => (200, membership),
            _ => (404, "{}"),
        });
        var options = Options(new Uri(node.Url + "/"));
        using var http = new HttpClient();
        return await new NodeChecker(http, options, new AgentMetrics()).CheckAsync(options.Nodes[1], CancellationToken.None);
    }

    /// <summary>Three nodes; the one under test (couchdb-2) is reached at <paramref name="node2"/>.</summary>
    private static AgentOptions Options(Uri node2) => new()
    {
        Nodes =
        [
            new NodeTarget("couchdb-1", new Uri("http://127.0.0.1:1/")),
            new NodeTarget("couchdb-2", node2),
            new NodeTarget("couchdb-3", new Uri("http://127.0.0.1:1/")),
        ],
        User = "medic",
        Password = "pw",
        // These tests are about the rules, not the timeout: a loaded test machine must not turn them into timeouts.
        CouchDbTimeout = TimeSpan.FromSeconds(10),
    };
}
