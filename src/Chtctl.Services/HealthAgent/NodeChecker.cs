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
    /// The node must list itself among <c>cluster_nodes</c>, know of no node outside the cluster
    /// (<c>all_nodes == cluster_nodes</c>), and see as many nodes as the instance has.
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
        if (!all.Order(StringComparer.Ordinal).SequenceEqual(cluster.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            return NodeHealth.Down("nodes joining the cluster");
        if (cluster.Length != options.Nodes.Count)
            return NodeHealth.Down($"sees {cluster.Length} of {options.Nodes.Count} nodes");
        return NodeHealth.Up;
    }

    private static string[] Names(JsonElement root, string property) =>
        [.. root.GetProperty(property).EnumerateArray().Select(e => e.GetString() ?? "")];
}
