using Chtctl.CouchDb.Membership;

namespace Chtctl.CouchDb.Tests.Membership;

public sealed class CouchDbNodeNameTests
{
    [Fact]
    public void A_node_is_named_couchdb_at_its_host()
    {
        Assert.Equal("couchdb@couchdb-2.clinic.svc.cluster.local", CouchDbNodeName.For("couchdb-2.clinic.svc.cluster.local"));
        Assert.Equal("couchdb-2.clinic.svc.cluster.local", CouchDbNodeName.HostOf("couchdb@couchdb-2.clinic.svc.cluster.local"));
    }

    [Theory]
    [InlineData("couchdb@couchdb-2.local", "couchdb-2")]
    [InlineData("couchdb-2.clinic.svc.cluster.local", "couchdb-2")]
    [InlineData("couchdb", "couchdb")]
    public void The_member_name_is_the_first_label_of_the_host(string hostOrNodeName, string member)
    {
        Assert.Equal(member, CouchDbNodeName.MemberOf(hostOrNodeName));
    }

    [Theory]
    [InlineData("couchdb@couchdb-2.local", "couchdb-2.local", true)]
    [InlineData("couchdb@couchdb-2.local", "couchdb-2", true)]
    [InlineData("couchdb@couchdb-2.clinic.svc.cluster.local", "couchdb-2.other.svc.cluster.local", false)]
    [InlineData("couchdb@couchdb-2.local", "couchdb-20", false)]
    [InlineData("couchdb@couchdb-20.local", "couchdb-2", false)]
    [InlineData("couchdb@127.0.0.1", "couchdb-1", false)]
    [InlineData("nouveau@couchdb-2.local", "couchdb-2", false)]
    public void A_dotted_host_must_match_whole_and_a_member_name_matches_the_first_label(string nodeName, string hostOrMember, bool matches)
    {
        Assert.Equal(matches, CouchDbNodeName.Is(nodeName, hostOrMember));
    }
}
