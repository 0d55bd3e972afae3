using Chtctl.Testing;

namespace Chtctl.Cli.Tests.Kubernetes;

/// <summary><c>up</c> waits for CouchDB through the API server's service proxy after the CouchDB wave.</summary>
public sealed class MembershipTests : ClusterFixture
{
    [Fact]
    public void A_cluster_of_three_goes_on_once_every_node_lists_the_whole_cluster()
    {
        Edit("tls: {", "couchdb: { nodes: 3 }\ntls: {");

        var result = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.Success, result);
        Assert.Contains("CouchDB membership complete: 3 nodes", result.Error, StringComparison.Ordinal);
        foreach (var n in new[] { 1, 2, 3 })
            Assert.Contains($"GET /api/v1/namespaces/clinic/services/couchdb-{n}:5984/proxy/_membership", Server.Requests);
        // The membership wait comes before the next wave is applied.
        var membership = Server.Requests.FindIndex(r => r.Contains("proxy/_membership", StringComparison.Ordinal));
        Assert.True(membership < Server.Requests.FindIndex(r => r.StartsWith("PATCH", StringComparison.Ordinal) && r.Contains("deployments/cht-api", StringComparison.Ordinal)));
        // Logged in with the Secret's credentials (a session cookie); the API server's token never reaches CouchDB.
        Assert.Contains("POST /_session", Backend.Requests);
        Assert.DoesNotContain(Backend.Requests, r => r.Contains("+authorization", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cluster_whose_membership_stays_incomplete_fails_with_what_each_node_reported()
    {
        Edit("tls: {", "couchdb: { nodes: 3 }\ntls: {");
        var lonely = StartBackend("clinic");
        lonely.Membership = CouchDbBackend.MembershipOf([NodeName(3)], [NodeName(3)]);
        Route("clinic", "couchdb-3", 5984, lonely);

        var result = Run("up", "clinic.yaml", "--timeout", "2s");

        AssertExit(ExitCodes.Unhealthy, result);
        Assert.Contains("waiting for CouchDB membership: 2/3 nodes see the whole cluster", result.Error, StringComparison.Ordinal);
        Assert.Contains("CouchDB membership not complete after 2s", result.Error, StringComparison.Ordinal);
        Assert.Contains($"couchdb-1: complete", result.Error, StringComparison.Ordinal);
        Assert.Contains($"couchdb-3: cluster_nodes [{NodeName(3)}], all_nodes [{NodeName(3)}]", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.Requests, r => r.StartsWith("PATCH", StringComparison.Ordinal) && r.Contains("deployments/cht-api", StringComparison.Ordinal));
        Assert.DoesNotContain(Password(), result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_the_proxy_cannot_reach_is_named_with_the_API_servers_answer()
    {
        Edit("tls: {", "couchdb: { nodes: 3 }\ntls: {");
        Server.UnrouteService("clinic", "couchdb-2", 5984);

        var result = Run("up", "clinic.yaml", "--timeout", "1s");

        AssertExit(ExitCodes.Unhealthy, result);
        Assert.Contains("couchdb-2: 503 no endpoints available for service \"couchdb-2\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_node_is_asked_only_for_up()
    {
        var result = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.Success, result);
        Assert.Contains("CouchDB is up", result.Error, StringComparison.Ordinal);
        Assert.Contains("GET /api/v1/namespaces/clinic/services/couchdb:5984/proxy/_up", Server.Requests);
        Assert.DoesNotContain(Server.Requests, r => r.Contains("_membership", StringComparison.Ordinal));
    }

    private string Password() => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Get("Secret", "cht-couchdb-credentials")!["data"]!["COUCHDB_PASSWORD"]!.GetValue<string>()));
}
