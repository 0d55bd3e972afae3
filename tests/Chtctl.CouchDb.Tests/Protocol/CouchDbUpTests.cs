using Chtctl.CouchDb.Protocol;

namespace Chtctl.CouchDb.Tests.Protocol;

/// <summary><c>/_up</c> as CouchDB 3.x answers it (docs.couchdb.org api/server/common, chttpd_misc:handle_up_req).</summary>
public sealed class CouchDbUpTests
{
    [Fact]
    public void Ok_is_up()
    {
        var up = CouchDbUp.Read(200, """{"status":"ok","seeds":{}}""");

        Assert.True(up.IsUp);
        Assert.Equal(UpState.Up, up.State);
        Assert.Equal("up", up.Reason);
    }

    [Theory]
    [InlineData("""{"status":"maintenance_mode"}""", "maintenance_mode")]
    [InlineData("""{"status":"nolb"}""", "nolb")]
    [InlineData("""{"status":"seeding","seeds":{}}""", "seeding")]
    public void A_404_with_a_status_is_couchdb_asking_for_no_traffic(string body, string word)
    {
        var up = CouchDbUp.Read(404, body);

        Assert.Equal(UpState.NotServing, up.State);
        Assert.Equal(word, up.CouchDbStatus);
        Assert.Equal("/_up answered 404", up.Reason);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public void Refused_credentials_are_named(int status)
    {
        var up = CouchDbUp.Read(status, """{"error":"unauthorized","reason":"Name or password is incorrect."}""");

        Assert.Equal(UpState.CredentialsRefused, up.State);
        Assert.False(up.IsUp);
    }

    [Theory]
    [InlineData(500, """{"error":"internal_server_error"}""", "/_up answered 500")]
    [InlineData(404, """{"error":"not_found","reason":"missing"}""", "/_up answered 404")]
    [InlineData(200, "<html>It works!</html>", "/_up answered 200 without status ok")]
    [InlineData(200, "", "/_up answered 200 without status ok")]
    [InlineData(200, """{"status":"maintenance_mode"}""", "/_up answered 200 without status ok")]
    public void Anything_else_is_not_up(int status, string body, string reason)
    {
        var up = CouchDbUp.Read(status, body);

        Assert.Equal(UpState.NotUp, up.State);
        Assert.Equal(reason, up.Reason);
    }
}
