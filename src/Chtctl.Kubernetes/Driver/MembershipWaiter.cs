using System.Text;
using Chtctl.Core.Reporting;
using Chtctl.CouchDb.Membership;
using Chtctl.CouchDb.Protocol;

namespace Chtctl.Kubernetes.Driver;

/// <summary>
/// After the CouchDB wave: a Deployment is available when its node answers <c>/_up</c>, which says nothing about
/// the cluster. For a cluster, waits until every node's <c>/_membership</c> shows the cluster complete
/// (<see cref="ClusterMembershipRule.IsComplete"/>: all the instance's nodes in <c>cluster_nodes</c>, and
/// <c>all_nodes == cluster_nodes</c>); a single node only has to be up. Asked through the API server's service
/// proxy, so it works from wherever chtctl reaches the API server.
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
        // Each node's Erlang name is couchdb@ its Service's cluster DNS name (SVC_NAME in the Deployment).
        var rule = new ClusterMembershipRule(services.Select(s => $"{s}.{instance.Namespace}.svc.cluster.local"));
        var clustered = rule.NeedsMembership;
        var expected = rule.Members.Select(CouchDbNodeName.For).ToHashSet(StringComparer.Ordinal);
        var deadline = clock.GetUtcNow() + timeout;
        string? lastProgress = null;
        while (true)
        {
            var reports = new List<(string Service, string? Problem)>();
            foreach (var service in services)
            {
                var answer = await couchdb.GetAsync(service, clustered ? CouchDbMembership.Path : CouchDbUp.Path, cancellationToken).ConfigureAwait(false);
                reports.Add((service, !answer.Ok ? answer.Reason : clustered ? MembershipProblem(answer.Body, expected) : UpProblem(answer)));
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

    /// <summary>Null when the node's membership is complete (<paramref name="expected"/>: every node's Erlang name), else what it reported.</summary>
    public static string? MembershipProblem(string body, IReadOnlySet<string> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (!CouchDbMembership.TryParse(body, out var membership, out _))
            return "unreadable /_membership";
        if (new ClusterMembershipRule(expected.Select(CouchDbNodeName.HostOf)).IsComplete(membership).Holds)
            return null;
        return $"cluster_nodes [{Sorted(membership.ClusterNodes)}], all_nodes [{Sorted(membership.AllNodes)}]";
    }

    /// <summary>Null when a node's <c>/_up</c> (answered 2xx through the proxy) says it is up.</summary>
    private static string? UpProblem(ProxyAnswer answer) =>
        CouchDbUp.Read((int)answer.Status, answer.Body) is { IsUp: false } up ? up.Reason : null;

    private static string Sorted(IEnumerable<string> names) =>
        string.Join(", ", names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
