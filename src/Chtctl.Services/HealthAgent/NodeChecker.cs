using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Chtctl.CouchDb.Membership;
using Chtctl.CouchDb.Protocol;

namespace Chtctl.Services.HealthAgent;

/// <summary>
/// Checks one CouchDB node by itself: <c>/_up</c> with the admin credentials within a short timeout and,
/// in a cluster, that node's own <c>/_membership</c>. Upstream asked only the first node and applied its answer
/// to every backend (cht-core#9284); here each node is judged only by what it says.
/// </summary>
internal sealed class NodeChecker(HttpClient http, AgentOptions options, AgentMetrics metrics)
{
    private readonly AuthenticationHeaderValue _auth = CouchDbBasicAuth.Header(options.User, options.Password);

    /// <summary>
    /// The agent asks <see cref="ClusterMembershipRule.CanServe"/>, not whether the cluster is complete: a live
    /// node must stay in rotation when a peer dies (the rule's summary says why).
    /// </summary>
    private readonly ClusterMembershipRule _rule = new(options.Nodes.Select(n => n.Name));

    public async Task<NodeHealth> CheckAsync(NodeTarget node, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.CouchDbTimeout);
        try
        {
            var (upStatus, upBody) = await GetAsync(node, CouchDbUp.Path, deadline.Token).ConfigureAwait(false);
            var up = CouchDbUp.Read((int)upStatus, upBody);
            if (up.State == UpState.CredentialsRefused)
                return NodeHealth.Down("credentials refused");
            if (!up.IsUp)
                return NodeHealth.Down(up.Reason);
            if (!_rule.NeedsMembership)
                return NodeHealth.Up;

            var (status, body) = await GetAsync(node, CouchDbMembership.Path, deadline.Token).ConfigureAwait(false);
            if (status != HttpStatusCode.OK)
                return NodeHealth.Down($"/_membership answered {(int)status}");
            if (!CouchDbMembership.TryParse(body, out var membership, out _))
                return NodeHealth.Down("unreadable /_membership");
            return _rule.CanServe(membership, node.Name).Problem is { } problem ? NodeHealth.Down(problem) : NodeHealth.Up;
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
}
