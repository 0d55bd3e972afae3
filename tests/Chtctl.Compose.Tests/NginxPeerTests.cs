using System.Net;
using System.Text.Json;
using Chtctl.Compose.Rendering;
using Chtctl.Compose.Tests.Support;
using Chtctl.Testing;

namespace Chtctl.Compose.Tests;

/// <summary>The rendered nginx.conf against nginx itself: syntax for every scenario, behaviour on a running one.</summary>
public sealed class NginxPeerTests
{
    public static TheoryData<string> Scenarios => Scenario.All();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Nginx_accepts_the_rendered_config(string name)
    {
        var rendered = RenderedScenario.Of(name);
        using var sandbox = new EdgeSandbox(rendered, rendered.File(ProjectFiles.NginxConfig));

        var result = PeerTools.Run("unshare", sandbox.Nginx("-t"));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("syntax is ok", result.Output, StringComparison.Ordinal);
        Assert.Contains("test is successful", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_with_path_and_query()
    {
        using var edge = RunningEdge.Start("single-node-4x");

        using var response = await edge.Http.SendAsync(edge.Request(HttpMethod.Get, edge.HttpUrl("/medic/login?redirect=%2F")));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("https://localhost/medic/login?redirect=%2F", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task The_redirect_carries_a_published_https_port_other_than_443()
    {
        using var edge = RunningEdge.Start("custom-ports-and-home");

        using var response = await edge.Http.SendAsync(edge.Request(HttpMethod.Get, edge.HttpUrl("/"), host: "clinic-b.example.org"));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("https://clinic-b.example.org:8443/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Acme_challenge_files_are_served_over_plain_http()
    {
        using var edge = RunningEdge.Start("single-node-4x");
        TempDirectory.WriteFile(Path.Combine(edge.Sandbox.AcmeDirectory!, ".well-known", "acme-challenge", "tok3n_-x"), "tok3n_-x.thumbprint");

        using var response = await edge.Http.SendAsync(edge.Request(HttpMethod.Get, edge.HttpUrl("/.well-known/acme-challenge/tok3n_-x")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("tok3n_-x.thumbprint", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_edge_health_path_answers_200_on_plain_http()
    {
        using var edge = RunningEdge.Start("single-node-4x");

        using var response = await edge.Http.SendAsync(edge.Request(HttpMethod.Get, edge.HttpUrl(Core.Topology.TopologyBuilder.EdgeHealthPath)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Https_requests_reach_api_over_http2_with_forwarding_headers()
    {
        using var edge = RunningEdge.Start("single-node-4x");
        var request = edge.Request(HttpMethod.Get, edge.HttpsUrl("/api/info"));
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;

        using var response = await edge.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var seen = JsonSerializer.Deserialize<Dictionary<string, string>>(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("GET /api/info HTTP/1.0", seen[":request"]);
        Assert.Equal("https", seen["x-forwarded-proto"]);
        Assert.Equal("localhost", seen["host"]);
        Assert.Equal("localhost", seen["x-forwarded-host"]);
        Assert.Equal("127.0.0.1", seen["x-real-ip"]);
        Assert.Equal("127.0.0.1", seen["x-forwarded-for"]);
    }

    [Fact]
    public async Task With_api_stopped_json_clients_get_a_json_502_and_browsers_an_html_one()
    {
        using var edge = RunningEdge.Start("single-node-4x");
        using (var before = await edge.Http.SendAsync(edge.Request(HttpMethod.Get, edge.HttpsUrl("/medic/_changes"))))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        edge.Api.Stop();

        var json = edge.Request(HttpMethod.Get, edge.HttpsUrl("/medic/_changes"));
        json.Headers.Accept.ParseAdd("application/json");
        using var jsonResponse = await edge.Http.SendAsync(json);
        Assert.Equal(HttpStatusCode.BadGateway, jsonResponse.StatusCode);
        Assert.Equal("application/json", jsonResponse.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await jsonResponse.Content.ReadAsStringAsync());
        Assert.Equal("ERROR", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("502 Bad Gateway", body.RootElement.GetProperty("error").GetString());
        Assert.Equal("nginx", body.RootElement.GetProperty("server").GetString());

        var browser = edge.Request(HttpMethod.Get, edge.HttpsUrl("/"));
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var htmlResponse = await edge.Http.SendAsync(browser);
        Assert.Equal(HttpStatusCode.BadGateway, htmlResponse.StatusCode);
        Assert.Equal("text/html", htmlResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>502 Bad Gateway</h1>", await htmlResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_sent_to_the_https_port_is_redirected_to_https()
    {
        using var edge = RunningEdge.Start("single-node-4x");

        using var response = await edge.Http.SendAsync(edge.Request(HttpMethod.Get, new Uri($"http://127.0.0.1:{edge.HttpsPort}/medic")));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("https://localhost/medic", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_body_over_32_megabytes_is_refused_by_nginx_with_a_json_413()
    {
        using var edge = RunningEdge.Start("single-node-4x");
        var request = edge.Request(HttpMethod.Post, edge.HttpsUrl("/medic/_bulk_docs"));
        request.Headers.Accept.ParseAdd("application/json");
        request.Content = new ByteArrayContent(new byte[(32 * 1024 * 1024) + 1]);

        using var response = await edge.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("413 Request Entity Too Large", body.RootElement.GetProperty("error").GetString());
    }
}
