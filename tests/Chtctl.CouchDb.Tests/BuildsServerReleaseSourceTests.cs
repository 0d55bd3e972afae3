using Chtctl.Core.Versions;
using Chtctl.CouchDb.Builds;
using Chtctl.Testing;

namespace Chtctl.CouchDb.Tests;

public sealed class BuildsServerReleaseSourceTests
{
    private const string StagingDoc = """
        {"_id":"medic:medic:4.22.0","build_info":{"version":"4.22.0"},
         "tags":[{"container_name":"cht-api","image":"mirror.example.org/medic/cht-api:4.22.0"},
                 {"container_name":"cht-sentinel","image":"mirror.example.org/medic/cht-sentinel:4.22.0"},
                 {"container_name":"cht-couchdb","image":"mirror.example.org/medic/cht-couchdb:4.22.0"},
                 {"container_name":"cht-haproxy","image":"mirror.example.org/medic/cht-haproxy:4.22.0"},
                 {"container_name":"cht-nginx","image":"mirror.example.org/medic/cht-nginx:4.22.0"}]}
        """;

    private const string Releases = """
        {"total_rows":4,"offset":0,"rows":[
          {"id":"medic:medic:5.1.0","key":[5,1,0],"value":null},
          {"id":"medic:medic:4.22.0","key":[4,22,0],"value":null},
          {"id":"medic:medic:4.21.1","key":[4,21,1],"value":null},
          {"id":"medic:medic:4.9.0-beta","key":[4,9,0],"value":null}]}
        """;

    private static LoopbackHttpServer BuildsServer() => new(request => request.Url!.AbsolutePath switch
    {
        "/_couch/builds_4/medic:medic:4.22.0" => (200, StagingDoc),
        "/_couch/builds_4/_design/builds/_view/releases" => (200, Releases),
        _ => (404, """{"error":"not_found","reason":"missing"}"""),
    });

    [Fact]
    public async Task Images_come_from_the_staging_documents_tags()
    {
        await using var server = BuildsServer();
        using var http = new HttpClient();
        var source = new BuildsServerReleaseSource(http, server.Url + "/_couch/builds_4/");

        var release = await source.FindAsync(new ChtVersion(4, 22, 0), CancellationToken.None);

        Assert.NotNull(release);
        Assert.Equal(ReleaseSource.BuildsServer, release.Source);
        Assert.Equal("mirror.example.org/medic/cht-api:4.22.0", release.ImageOf("api"));
        Assert.Equal("mirror.example.org/medic/cht-couchdb:4.22.0", release.ImageOf("couchdb"));
        Assert.Contains("/_couch/builds_4/medic:medic:4.22.0", server.RequestedPaths);
    }

    [Fact]
    public async Task A_release_the_server_does_not_have_is_absent()
    {
        await using var server = BuildsServer();
        using var http = new HttpClient();
        var source = new BuildsServerReleaseSource(http, server.Url + "/_couch/builds_4");

        Assert.Null(await source.FindAsync(new ChtVersion(4, 99, 0), CancellationToken.None));
    }

    [Fact]
    public async Task Newest_release_of_a_line_skips_pre_releases_and_other_lines()
    {
        await using var server = BuildsServer();
        using var http = new HttpClient();
        var source = new BuildsServerReleaseSource(http, server.Url + "/_couch/builds_4");

        Assert.Equal(new ChtVersion(4, 22, 0), await source.NewestAsync(4, CancellationToken.None));
        Assert.Equal(new ChtVersion(5, 1, 0), await source.NewestAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_server_gives_a_message_naming_it_and_the_way_out()
    {
        using var http = new HttpClient();
        var url = $"http://127.0.0.1:{FreePorts.Loopback()}/_couch/builds_4";
        var source = new BuildsServerReleaseSource(http, url);

        var error = await Assert.ThrowsAsync<ReleaseSourceUnavailableException>(() => source.FindAsync(new ChtVersion(4, 22, 0), CancellationToken.None));

        Assert.StartsWith($"the builds server {url} did not answer", error.Message, StringComparison.Ordinal);
        Assert.Contains("check cht.buildsUrl", error.Message, StringComparison.Ordinal);
    }
}
