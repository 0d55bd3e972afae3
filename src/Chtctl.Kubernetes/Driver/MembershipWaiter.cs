using System.Text;
using System.Text.Json.Nodes;
using Chtctl.Core.Reporting;

namespace Chtctl.Kubernetes.Driver;

/// <summary>
/// After the CouchDB wave: a Deployment is available when its node answers <c>/_up</c>, which says nothing about
/// the cluster. For a cluster, waits until every node's <c>/_membership</c> lists all the instance's nodes in
/// <c>cluster_nodes</c> and sees them all (<c>all_nodes == cluster_nodes</c>); a single node only has to be up.
/// Asked through the API server's service proxy, so it works from wherever chtctl reaches the API server.
/// </summary>
public sealed class MembershipWaiter(KubeApi api, InstanceRef instance, TimeProvider clock, TimeSpan timeout, TimeSpan pollInterval)
{
    private const string Deployment = "cht-couchdb";

    /// <summary>The CouchDB Services of a wave (<c>couchdb</c>, or <c>couchdb-1..N</c>), empty when the wave has no CouchDB.</summary>
    public static IReadOnlyList<string> CouchDbServices(Wave wave)
    {
        ArgumentNullException.ThrowIfNull(wave);
        return CouchDbServices(wave.Workloads.Select(w => w.Name));
    }

    /// <summary>The CouchDB Services behind a set of Deployment names (<c>cht-couchdb</c>, <c>cht-couchdb-N</c>).</summary>
    public static IReadOnlyList<string> CouchDbServices(IEnumerable<string> deployments)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        return [.. deployments
            .Where(n => n == Deployment || (n.StartsWith(Deployment + "-", StringComparison.Ordinal) && int.TryParse(n.AsSpan(Deployment.Length + 1), out _)))
            .Select(n => n["cht-".Length..])
            .Order(StringComparer.Ordinal)];
    }

    public async Task WaitAsync(IReadOnlyList<string> services, IDriverReporter reporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(reporter);
        if (services.Count == 0)
            return;
        var admin = await new KubernetesSecretStore(api, instance).LoadAdminAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new WaveNotReadyException("CouchDB credentials missing", $"Secret {InstanceRef.CredentialsSecret} in namespace {instance.Namespace} has no COUCHDB_USER or COUCHDB_PASSWORD");
        var couchdb = new CouchDbThroughProxy(api, instance.Namespace, admin);
        var clustered = services.Count > 1;
        var expected = services.Select(s => $"couchdb@{s}.{instance.Namespace}.svc.cluster.local").ToHashSet(StringComparer.Ordinal);
        var deadline = clock.GetUtcNow() + timeout;
        string? lastProgress = null;
        while (true)
        {
            var reports = new List<(string Service, string? Problem)>();
            foreach (var service in services)
            {
                var answer = await couchdb.GetAsync(service, clustered ? "_membership" : "_up", cancellationToken).ConfigureAwait(false);
                reports.Add((service, !answer.Ok ? answer.Reason : clustered ? MembershipProblem(answer.Body, expected) : null));
            }
            var waiting = reports.Where(r => r.Problem is not null).ToList();
            if (waiting.Count == 0)
            {
                reporter.Step(clustered ? $"  CouchDB membership complete: {services.Count} nodes" : "  CouchDB is up");
                return;
            }
            var progress = clustered
                ? $"  waiting for CouchDB membership: {services.Count - waiting.Count}/{services.Count} nodes see the whole cluster"
                : "  waiting for CouchDB to answer /_up";
            if (progress != lastProgress)
                reporter.Step(lastProgress = progress);
            if (clock.GetUtcNow() >= deadline)
            {
                var text = new StringBuilder();
                text.AppendLine(clustered
                    ? $"expected every node to list {string.Join(", ", expected.Order(StringComparer.Ordinal))}; each node reported:"
                    : "CouchDB's /_up, through the API server's service proxy:");
                foreach (var (service, problem) in reports)
                    text.AppendLine($"  {service}: {problem ?? "complete"}");
                throw new WaveNotReadyException(
                    clustered ? $"CouchDB membership not complete after {timeout.TotalSeconds:0}s" : $"CouchDB not up after {timeout.TotalSeconds:0}s",
                    text.ToString().TrimEnd());
            }
            await Task.Delay(pollInterval, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Null when the node's membership is complete, else what it reported.</summary>
    public static string? MembershipProblem(string body, IReadOnlySet<string> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return "unreadable /_membership";
        }
        var cluster = Names(json?["cluster_nodes"]);
        var all = Names(json?["all_nodes"]);
        if (cluster.SetEquals(expected) && all.SetEquals(cluster))
            return null;
        return $"cluster_nodes [{string.Join(", ", cluster.Order(StringComparer.Ordinal))}], all_nodes [{string.Join(", ", all.Order(StringComparer.Ordinal))}]";
    }

    private static HashSet<string> Names(JsonNode? array) =>
        array is JsonArray items ? items.Select(i => i?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal) : [];
}
