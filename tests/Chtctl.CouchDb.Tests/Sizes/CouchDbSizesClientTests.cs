using System.Net;
using System.Text;
using Chtctl.CouchDb.Sizes;
using Chtctl.Testing;

namespace Chtctl.CouchDb.Tests.Sizes;

/// <summary>
/// The sizes client against a real HTTP server answering CouchDB 3.3's shapes (docs.couchdb.org api/database/common
/// <c>GET /{db}</c> and api/ddoc/common <c>GET /{db}/_design/{ddoc}/_info</c>), trimmed to the fields that matter.
/// </summary>
public sealed class CouchDbSizesClientTests
{
    private static readonly string Auth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("medic:pw"));

    private static (int, string) Answer(HttpListenerRequest request)
    {
        if (request.Headers["Authorization"] != Auth)
            return (401, """{"error":"unauthorized","reason":"Name or password is incorrect."}""");
        return request.RawUrl switch
        {
            "/_all_dbs" => (200, """["_users","medic","medic-user-a/b-meta","gone"]"""),
            "/_users" => (200, Db("_users", 100, 80, 50)),
            "/medic" => (200, Db("medic", 10_000, 6_000, 5_000)),
            "/medic-user-a%2Fb-meta" => (200, Db("medic-user-a/b-meta", 10, 10, 5)),
            "/gone" => (404, """{"error":"not_found","reason":"Database does not exist."}"""),
            "/_users/_design_docs" => (200, DesignDocs("_design/_auth")),
            "/medic/_design_docs" => (200, DesignDocs("_design/medic", "_design/:staged:medic")),
            "/medic-user-a%2Fb-meta/_design_docs" => (200, DesignDocs()),
            "/_users/_design/_auth/_info" => (200, Info("_auth", 0, 0)),
            "/medic/_design/medic/_info" => (200, Info("medic", 40_000, 30_000)),
            "/medic/_design/%3Astaged%3Amedic/_info" => (200, Info(":staged:medic", 2_000, 2_000)),
            _ => (500, $$"""{"error":"unexpected","reason":"{{request.RawUrl}}"}"""),
        };
    }

    private static string Db(string name, long file, long active, long external) => $$"""
        {"db_name":"{{name}}","update_seq":"52232","sizes":{"file":{{file}},"external":{{external}},"active":{{active}} },
         "purge_seq":0,"doc_del_count":0,"doc_count":51,"disk_format_version":8,"compact_running":false,
         "cluster":{"q":2,"n":1,"w":1,"r":1},"instance_start_time":"0"}
        """;

    private static string DesignDocs(params string[] ids)
    {
        var rows = ids.Select(id => $$$"""{"id":"{{{id}}}","key":"{{{id}}}","value":{"rev":"1-a"}}""");
        return $$"""{"total_rows":{{ids.Length}},"offset":0,"rows":[{{string.Join(",", rows)}}]}""";
    }

    private static string Info(string name, long file, long active) => $$"""
        {"name":"{{name}}","view_index":{"compact_running":false,"language":"javascript","purge_seq":0,
         "signature":"a59a1bb13fdf8a8a584bc477919c97ac","sizes":{"active":{{active}},"external":1000,"file":{{file}} },
         "update_seq":12397,"updater_running":false,"waiting_clients":0,"waiting_commit":false} }
        """;

    [Fact]
    public async Task Reads_every_database_and_every_view_index()
    {
        await using var server = new LoopbackHttpServer(Answer);
        using var http = new HttpClient();

        var sizes = await new CouchDbSizesClient(http, new Uri(server.Url), "medic", "pw").ReadAsync(CancellationToken.None);

        Assert.Equal(["_users", "medic", "medic-user-a/b-meta"], sizes.Databases.Select(d => d.Name));
        var medic = sizes.Databases[1];
        Assert.Equal((10_000, 6_000, 5_000), (medic.FileBytes, medic.ActiveBytes, medic.ExternalBytes));
        Assert.Equal([new ViewIndexSize("medic", 40_000, 30_000), new ViewIndexSize(":staged:medic", 2_000, 2_000)], medic.Views);
        var usage = sizes.ToUsage();
        Assert.Equal(10_110, usage.DatabaseFileBytes);
        Assert.Equal(42_000, usage.ViewFileBytes);
        Assert.Equal(4_020 + 10_000, usage.ReclaimableBytes);
    }

    [Fact]
    public async Task Wrong_credentials_say_which_settings_to_check()
    {
        await using var server = new LoopbackHttpServer(Answer);
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<CouchDbSizesException>(
            () => new CouchDbSizesClient(http, new Uri(server.Url), "medic", "wrong").ReadAsync(CancellationToken.None));

        Assert.Contains("COUCHDB_PASSWORD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_without_sizes_is_reported_by_path()
    {
        await using var server = new LoopbackHttpServer(request => request.RawUrl == "/_all_dbs" ? (200, """["old"]""") : (200, """{"db_name":"old"}"""));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<CouchDbSizesException>(
            () => new CouchDbSizesClient(http, new Uri(server.Url), "medic", "pw").ReadAsync(CancellationToken.None));

        Assert.Contains("GET /old", error.Message, StringComparison.Ordinal);
        Assert.Contains("'sizes'", error.Message, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Without_sizes_a_tolerant_client_counts_zero_and_names_what_was_missing()
    {
        await using var server = new LoopbackHttpServer(request => request.RawUrl switch
        {
            "/_all_dbs" => (200, """["medic"]"""),
            "/medic" => (200, """{"db_name":"medic"}"""),
            "/medic/_design_docs" => (200, """{"rows":[{"id":"_design/medic"}]}"""),
            _ => (200, """{"name":"medic"}"""),
        });
        using var http = new HttpClient();

        var sizes = await new CouchDbSizesClient(http, new Uri(server.Url), "medic", "pw") { TolerateMissingSizes = true }.ReadAsync(CancellationToken.None);

        Assert.Equal(new Core.Upgrades.DiskUsage(0, 0, 0, 0), sizes.ToUsage());
        Assert.Equal(["GET /medic", "GET /medic/_design/medic/_info"], sizes.Missing);
    }
}
