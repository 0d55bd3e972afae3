using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Chtctl.Services.HealthAgent;

/// <summary>
/// Checks one CouchDB node by itself: <c>/_up</c> with the admin credentials within a short timeout and,
/// in a cluster, that node's own <c>/_membership</c>. Upstream asked only the first node and applied its answer
/// to every backend (cht-core#9284); here each node is judged only by what it says.
/// </summary>
internal sealed class NodeChecker(HttpClient http, AgentOptions options, AgentMetrics metrics)
{
    private readonly AuthenticationHeaderValue _auth = new("Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));

    public async Task<NodeHealth> CheckAsync(NodeTarget node, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.CouchDbTimeout);
        try
        {
            var (upStatus, _) = await GetAsync(node, "_up", deadline.Token).ConfigureAwait(false);
            if (upStatus is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                return NodeHealth.Down("credentials refused");
            if (upStatus != HttpStatusCode.OK)
                return NodeHealth.Down($"/_up answered {(int)upStatus}");
            if (!options.IsClustered)
                return NodeHealth.Up;

            var (status, body) = await GetAsync(node, "_membership", deadline.Token).ConfigureAwait(false);
            return status == HttpStatusCode.OK
                ? Membership(node, body)
                : NodeHealth.Down($"/_membership answered {(int)status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NodeHealth.Down($"no answer within {options.CouchDbTimeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException e)
        {
            return NodeHealth.Down(e.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused" : "http error");
        }
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(NodeTarget node, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.BaseAddress, path));
        request.Headers.Authorization = _auth;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, body);
        }
        finally
        {
            metrics.ObserveCouchDb(node.Name, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// The node must list itself among <c>cluster_nodes</c> (its configured members), the cluster must have
    /// as many members as the instance has nodes, and the node must be connected to a majority of them.
    /// <c>all_nodes</c> is what a node is connected to right now, so when one node dies it drops out of every
    /// other node's <c>all_nodes</c>: requiring <c>all_nodes == cluster_nodes</c>, as upstream did, would take
    /// the healthy nodes out with the dead one. A node still joining (connected to no majority) stays out.
    /// </summary>
    private NodeHealth Membership(NodeTarget node, string body)
    {
        string[] all, cluster;
        try
        {
            using var json = JsonDocument.Parse(body);
            all = Names(json.RootElement, "all_nodes");
            cluster = Names(json.RootElement, "cluster_nodes");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return NodeHealth.Down("unreadable /_membership");
        }

        // Erlang node names look like couchdb@couchdb-1.local; HAProxy knows the node as couchdb-1.
        if (!cluster.Any(n => AgentOptions.NodeName(n[(n.IndexOf('@', StringComparison.Ordinal) + 1)..]) == node.Name))
            return NodeHealth.Down("not a cluster member");
        var expected = options.Nodes.Count;
        if (cluster.Length != expected)
            return NodeHealth.Down($"cluster has {cluster.Length} of {expected} nodes");
        var connected = cluster.Intersect(all, StringComparer.Ordinal).Count();
        if (connected < (expected / 2) + 1)
            return NodeHealth.Down($"connected to {connected} of {expected} nodes");
        return NodeHealth.Up;
    }

    private static string[] Names(JsonElement root, string property) =>
        [.. root.GetProperty(property).EnumerateArray().Select(e => e.GetString() ?? "")];
}
