using Chtctl.Kubernetes.Driver;

namespace Chtctl.Kubernetes.Tests.Driver;

public sealed class MembershipTests
{
    private static readonly HashSet<string> Three = ["couchdb@couchdb-1.ns.svc.cluster.local", "couchdb@couchdb-2.ns.svc.cluster.local", "couchdb@couchdb-3.ns.svc.cluster.local"];

    private static string Body(IEnumerable<string> all, IEnumerable<string> cluster) =>
        $$"""{"all_nodes":[{{string.Join(',', all.Select(n => $"\"{n}\""))}}],"cluster_nodes":[{{string.Join(',', cluster.Select(n => $"\"{n}\""))}}]}""";

    [Fact]
    public void Complete_when_cluster_nodes_are_all_the_nodes_and_all_nodes_match()
    {
        Assert.Null(MembershipWaiter.MembershipProblem(Body(Three.Reverse(), Three), Three));
    }

    [Fact]
    public void A_node_not_yet_added_or_not_yet_connected_is_incomplete()
    {
        var two = Three.Take(2).ToList();

        Assert.NotNull(MembershipWaiter.MembershipProblem(Body(two, two), Three));
        Assert.Equal(
            "cluster_nodes [couchdb@couchdb-1.ns.svc.cluster.local, couchdb@couchdb-2.ns.svc.cluster.local, couchdb@couchdb-3.ns.svc.cluster.local], all_nodes [couchdb@couchdb-1.ns.svc.cluster.local, couchdb@couchdb-2.ns.svc.cluster.local]",
            MembershipWaiter.MembershipProblem(Body(two, Three), Three));
        Assert.Equal("unreadable /_membership", MembershipWaiter.MembershipProblem("<html>", Three));
    }

    [Fact]
    public void The_couchdb_services_come_from_the_couchdb_deployments_only()
    {
        Assert.Equal(["couchdb-1", "couchdb-2"], MembershipWaiter.CouchDbServices(["cht-couchdb-2", "cht-api", "cht-couchdb-1", "cht-couchdb-backup"]));
        Assert.Equal(["couchdb"], MembershipWaiter.CouchDbServices(["cht-couchdb", "cht-haproxy"]));
    }
}
