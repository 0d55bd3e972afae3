using System.Text.Json.Nodes;
using Chtctl.Testing;

namespace Chtctl.Cli.Tests.Kubernetes;

/// <summary><c>status</c>'s full-chain check, hop by hop through the API server's service proxy.</summary>
public sealed class ChainTests : ClusterFixture
{
    [Fact]
    public void Every_hop_answers_and_status_says_so()
    {
        Edit("tls: {", "couchdb: { nodes: 3 }\ntls: {");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));

        var json = Run("status", "clinic.yaml", "--output", "json");
        var text = Run("status", "clinic.yaml");

        AssertExit(ExitCodes.Success, json);
        var chain = JsonNode.Parse(json.Out)!["chain"]!.AsArray();
        Assert.Equal(["api", "haproxy", "couchdb couchdb-1", "couchdb couchdb-2", "couchdb couchdb-3"], chain.Select(h => h!["check"]!.GetValue<string>()));
        Assert.All(chain, h => Assert.True(h!["ok"]!.GetValue<bool>(), h.ToJsonString()));
        Assert.Equal("GET /setup/poll", chain[0]!["request"]!.GetValue<string>());
        Assert.Equal("haproxy:5984 through the service proxy", chain[1]!["via"]!.GetValue<string>());
        Assert.Contains("GET /api/v1/namespaces/clinic/services/haproxy:5984/proxy/_up", Server.Requests);
        Assert.Contains("GET /api/v1/namespaces/clinic/services/api:5988/proxy/setup/poll", Server.Requests);

        AssertExit(ExitCodes.Success, text);
        Assert.Contains("CHAIN (through the API server's service proxy: api, CouchDB through HAProxy, each CouchDB node; the Ingress is not checked)", text.Out, StringComparison.Ordinal);
        Assert.Matches(@"OK\s+haproxy \(GET /_up via haproxy:5984 through the service proxy\)", text.Out);
    }

    [Fact]
    public async Task A_failing_haproxy_hop_is_named_with_its_answer_and_exits_5()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        // HAProxy with no CouchDB behind it answers every request with its own 503 page.
        await using var haproxy = new LoopbackHttpServer(_ => (503, "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>"));
        Server.RouteService("clinic", "haproxy", 5984, new Uri(haproxy.Url + "/"));

        var json = Run("status", "clinic.yaml", "--output", "json");
        var text = Run("status", "clinic.yaml");

        AssertExit(ExitCodes.Unhealthy, json);
        var root = JsonNode.Parse(json.Out)!;
        Assert.False(root["healthy"]!.GetValue<bool>());
        Assert.All(root["components"]!.AsArray(), c => Assert.True(c!["healthy"]!.GetValue<bool>()));
        var hops = root["chain"]!.AsArray().ToDictionary(h => h!["check"]!.GetValue<string>(), h => h!);
        Assert.True(hops["api"]["ok"]!.GetValue<bool>());
        Assert.True(hops["couchdb couchdb"]["ok"]!.GetValue<bool>());
        Assert.False(hops["haproxy"]["ok"]!.GetValue<bool>());
        Assert.Contains("503", hops["haproxy"]["problem"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("No server is available", hops["haproxy"]["problem"]!.GetValue<string>(), StringComparison.Ordinal);

        AssertExit(ExitCodes.Unhealthy, text);
        Assert.Matches(@"FAILED haproxy \(GET /_up via haproxy:5984 through the service proxy\): 503", text.Out);
    }

    [Fact]
    public void A_service_without_endpoints_fails_its_hop_with_the_API_servers_reason()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Server.UnrouteService("clinic", "api", 5988);

        var result = Run("status", "clinic.yaml");

        AssertExit(ExitCodes.Unhealthy, result);
        Assert.Contains(": 503 no endpoints available for service \"api\"", result.Out, StringComparison.Ordinal);
    }
}
