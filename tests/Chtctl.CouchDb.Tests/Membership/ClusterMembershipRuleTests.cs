using Chtctl.CouchDb.Membership;

namespace Chtctl.CouchDb.Tests.Membership;

/// <summary>
/// The two questions on the situations couchdb-behaviour.md measured on real CouchDB: a node started but not yet
/// added lists only itself; with every node up both lists hold every node; a killed node drops out of the
/// survivors' all_nodes while cluster_nodes keeps it.
/// </summary>
public sealed class ClusterMembershipRuleTests
{
    private const string N1 = "couchdb@couchdb-1.local";
    private const string N2 = "couchdb@couchdb-2.local";
    private const string N3 = "couchdb@couchdb-3.local";

    /// <summary>How the Compose gates and the Kubernetes wait name the nodes: by their hosts.</summary>
    private static readonly ClusterMembershipRule ByHost = new(["couchdb-1.local", "couchdb-2.local", "couchdb-3.local"]);

    /// <summary>How the health agent names them: by HAProxy's server names.</summary>
    private static readonly ClusterMembershipRule ByMember = new(["couchdb-1", "couchdb-2", "couchdb-3"]);

    private static CouchDbMembership Of(string[] cluster, string[] all) => new(cluster, all);

    [Fact]
    public void A_single_node_needs_no_membership()
    {
        var single = new ClusterMembershipRule(["couchdb"]);

        Assert.False(single.NeedsMembership);
        Assert.Equal(1, single.Majority);
        Assert.True(ByHost.NeedsMembership);
        Assert.Equal(2, ByHost.Majority);
    }

    [Fact]
    public void Three_nodes_all_joined_and_connected_are_complete_and_every_one_can_serve()
    {
        var membership = Of([N1, N2, N3], [N3, N1, N2]);

        Assert.True(ByHost.IsComplete(membership).Holds);
        Assert.True(ByMember.IsComplete(membership).Holds);
        foreach (var self in ByMember.Members)
            Assert.Equal(MembershipVerdict.Yes, ByMember.CanServe(membership, self));
    }

    [Fact]
    public void With_one_node_dead_the_survivors_still_serve_but_the_cluster_is_not_complete()
    {
        // What couchdb-2 and couchdb-3 answer once couchdb-1 is killed: cluster_nodes keeps it, all_nodes drops it.
        var survivor = Of([N1, N2, N3], [N2, N3]);

        Assert.True(ByMember.CanServe(survivor, "couchdb-2").Holds);
        Assert.True(ByMember.CanServe(survivor, "couchdb-3").Holds);
        Assert.Equal("connected to 2 of 3 members (couchdb@couchdb-2.local, couchdb@couchdb-3.local)", ByHost.IsComplete(survivor).Problem);
    }

    [Fact]
    public void A_node_started_but_not_yet_added_is_neither_complete_nor_serving()
    {
        var alone = Of([N3], [N3]);

        Assert.Equal("cluster_nodes lists 1 of 3 nodes (couchdb@couchdb-3.local)", ByHost.IsComplete(alone).Problem);
        Assert.Equal("cluster has 1 of 3 nodes", ByMember.CanServe(alone, "couchdb-3").Problem);
    }

    [Fact]
    public void A_node_missing_from_its_own_cluster_nodes_does_not_serve()
    {
        var others = Of([N1, N3], [N1, N3]);

        Assert.Equal("not a cluster member", ByMember.CanServe(others, "couchdb-2").Problem);
    }

    [Fact]
    public void A_node_cut_off_with_a_minority_does_not_serve_and_is_not_complete()
    {
        // couchdb-1 on the wrong side of a split: it still lists every member, but sees only itself.
        var minority = Of([N1, N2, N3], [N1]);

        Assert.Equal("connected to 1 of 3 nodes", ByMember.CanServe(minority, "couchdb-1").Problem);
        Assert.False(ByHost.IsComplete(minority).Holds);
    }

    [Fact]
    public void The_majority_side_of_a_five_node_split_serves_and_the_minority_side_does_not()
    {
        var five = new ClusterMembershipRule(["couchdb-1", "couchdb-2", "couchdb-3", "couchdb-4", "couchdb-5"]);
        string[] cluster = [.. Enumerable.Range(1, 5).Select(n => $"couchdb@couchdb-{n}.local")];

        Assert.True(five.CanServe(Of(cluster, cluster[..3]), "couchdb-1").Holds);
        Assert.Equal("connected to 2 of 5 nodes", five.CanServe(Of(cluster, cluster[3..]), "couchdb-4").Problem);
    }

    [Fact]
    public void A_cluster_of_other_nodes_than_configured_is_not_complete_even_with_the_right_count()
    {
        var stranger = Of([N1, N2, "couchdb@couchdb-9.local"], [N1, N2, "couchdb@couchdb-9.local"]);

        Assert.Equal(
            "cluster_nodes lists couchdb@couchdb-1.local, couchdb@couchdb-2.local, couchdb@couchdb-9.local, without couchdb-3.local",
            ByHost.IsComplete(stranger).Problem);
    }

    [Fact]
    public void A_stale_single_node_name_left_in_cluster_nodes_makes_the_cluster_too_big_for_both_questions()
    {
        // A single node moved into a cluster keeps couchdb@127.0.0.1 in _nodes until it is removed.
        var stale = Of([N1, N2, N3, "couchdb@127.0.0.1"], [N1, N2, N3]);

        Assert.Equal("cluster_nodes lists 4 of 3 nodes (couchdb@couchdb-1.local, couchdb@couchdb-2.local, couchdb@couchdb-3.local, couchdb@127.0.0.1)", ByHost.IsComplete(stale).Problem);
        Assert.Equal("cluster has 4 of 3 nodes", ByMember.CanServe(stale, "couchdb-1").Problem);
    }

    [Fact]
    public void A_dotted_host_is_matched_whole_so_another_namespaces_node_is_not_a_member()
    {
        var rule = new ClusterMembershipRule(["couchdb-1.clinic.svc.cluster.local", "couchdb-2.clinic.svc.cluster.local"]);
        var elsewhere = Of(["couchdb@couchdb-1.clinic.svc.cluster.local", "couchdb@couchdb-2.other.svc.cluster.local"],
            ["couchdb@couchdb-1.clinic.svc.cluster.local", "couchdb@couchdb-2.other.svc.cluster.local"]);

        Assert.False(rule.IsComplete(elsewhere).Holds);
    }

    [Fact]
    public void An_instance_without_nodes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ClusterMembershipRule([]));
    }
}
