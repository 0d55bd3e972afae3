using Chtctl.CouchDb.Membership;

namespace Chtctl.CouchDb.Tests.Membership;

/// <summary>Reading <c>/_membership</c> bodies: CouchDB's own shape, and what a broken or foreign server may send instead.</summary>
public sealed class CouchDbMembershipTests
{
    [Fact]
    public void CouchDbs_answer_gives_both_lists_in_its_order()
    {
        const string body = """
            {"all_nodes":["couchdb@couchdb-1.local","couchdb@couchdb-2.local"],
             "cluster_nodes":["couchdb@couchdb-1.local","couchdb@couchdb-2.local","couchdb@couchdb-3.local"]}
            """;

        Assert.True(CouchDbMembership.TryParse(body, out var membership, out var problem));

        Assert.Null(problem);
        Assert.Equal(["couchdb@couchdb-1.local", "couchdb@couchdb-2.local", "couchdb@couchdb-3.local"], membership.ClusterNodes);
        Assert.Equal(["couchdb@couchdb-1.local", "couchdb@couchdb-2.local"], membership.AllNodes);
    }

    [Fact]
    public void Empty_lists_are_read_as_empty()
    {
        Assert.True(CouchDbMembership.TryParse("""{"all_nodes":[],"cluster_nodes":[]}""", out var membership, out _));

        Assert.Empty(membership.ClusterNodes);
        Assert.Empty(membership.AllNodes);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "not JSON")]
    [InlineData("", "not JSON")]
    [InlineData("""["couchdb@couchdb-1.local"]""", "not a JSON object")]
    [InlineData("""{"all_nodes":["couchdb@couchdb-1.local"]}""", "no cluster_nodes list")]
    [InlineData("""{"cluster_nodes":["couchdb@couchdb-1.local"]}""", "no all_nodes list")]
    [InlineData("""{"all_nodes":"couchdb@couchdb-1.local","cluster_nodes":["couchdb@couchdb-1.local"]}""", "no all_nodes list")]
    [InlineData("""{"all_nodes":[],"cluster_nodes":[1]}""", "cluster_nodes holds number, not a node name")]
    [InlineData("""{"all_nodes":[null],"cluster_nodes":[]}""", "all_nodes holds null, not a node name")]
    [InlineData("""{"all_nodes":[""],"cluster_nodes":[]}""", "all_nodes holds an empty node name")]
    public void Anything_else_is_reported_not_thrown(string body, string expected)
    {
        Assert.False(CouchDbMembership.TryParse(body, out var membership, out var problem));

        Assert.Null(membership);
        Assert.Equal(expected, problem);
    }
}
