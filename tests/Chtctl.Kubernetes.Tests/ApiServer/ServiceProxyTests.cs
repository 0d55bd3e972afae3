using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Chtctl.Testing;
using Chtctl.Testing.KubeApi;

namespace Chtctl.Kubernetes.Tests.ApiServer;

/// <summary>
/// The test API server's service proxy against the documented behaviour of
/// <c>/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH</c>: the backend's answer passes through; a missing
/// Service is 404; a Service without endpoints, or whose endpoint refuses, is 503 ServiceUnavailable; the API
/// server's own credentials (Authorization) are consumed, not forwarded.
/// </summary>
public sealed class ServiceProxyTests : IAsyncLifetime
{
    private const string Proxy = "/api/v1/namespaces/ns1/services/couchdb:5984/proxy";

    private KubeApiServer _server = null!;
    private RawClient _client = null!;
    private CouchDbBackend _backend = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _server = await KubeApiServer.StartAsync();
        _client = new RawClient(_server);
        _backend = new CouchDbBackend(() => ("medic", "pw"));
        Assert.Equal(201, (await _client.SendAsync("POST", "/api/v1/namespaces", RawClient.Namespace("ns1"))).Code);
        var service = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = "couchdb", ["namespace"] = "ns1" },
            ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["name"] = "couchdb", ["port"] = 5984, ["targetPort"] = 5984 }) },
        };
        Assert.Equal(201, (await _client.SendAsync("POST", "/api/v1/namespaces/ns1/services", service)).Code);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _client.Dispose();
        await _backend.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Forwards_to_the_services_backend_and_answers_with_its_status_and_body()
    {
        _server.RouteService("ns1", "couchdb", 5984, _backend.Url);
        using var basic = Request(HttpMethod.Get, $"{Proxy}/_up");

        using var refused = await _http.SendAsync(basic);

        // The API server's token is the only Authorization header, and it is not forwarded: CouchDB says 401.
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("\"unauthorized\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["GET /_up"], _backend.Requests);

        using var login = Request(HttpMethod.Post, $"{Proxy}/_session");
        login.Content = new FormUrlEncodedContent([new("name", "medic"), new("password", "pw")]);
        using var session = await _http.SendAsync(login);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var cookie = session.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        using var up = Request(HttpMethod.Get, $"{Proxy}/_up");
        up.Headers.Add("Cookie", cookie);
        using var answer = await _http.SendAsync(up);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("ok", JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_port_may_be_named_and_the_backends_error_status_passes_through()
    {
        _server.RouteService("ns1", "couchdb", 5984, _backend.Url);

        var (code, body) = await _client.SendAsync("GET", "/api/v1/namespaces/ns1/services/couchdb:couchdb/proxy/setup/poll");
        var (refused, error) = await _client.SendAsync("GET", "/api/v1/namespaces/ns1/services/couchdb:couchdb/proxy/_membership");

        Assert.Equal(200, code);
        Assert.True(body["ready"]!.GetValue<bool>());
        Assert.Equal(401, refused);
        Assert.Equal("unauthorized", error["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_service_is_not_found()
    {
        var (code, body) = await _client.SendAsync("GET", "/api/v1/namespaces/ns1/services/nope:5984/proxy/_up");

        Assert.Equal(404, code);
        Assert.Equal("Status", body["kind"]!.GetValue<string>());
        Assert.Equal("NotFound", body["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_service_without_endpoints_is_unavailable()
    {
        var (code, body) = await _client.SendAsync("GET", $"{Proxy}/_up");

        Assert.Equal(503, code);
        Assert.Equal("ServiceUnavailable", body["reason"]!.GetValue<string>());
        Assert.Equal("no endpoints available for service \"couchdb\"", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_endpoint_that_refuses_the_connection_is_unavailable()
    {
        _server.RouteService("ns1", "couchdb", 5984, new Uri($"http://127.0.0.1:{FreePorts.Loopback()}/"));

        var (code, body) = await _client.SendAsync("GET", $"{Proxy}/_up");

        Assert.Equal(503, code);
        Assert.Equal("ServiceUnavailable", body["reason"]!.GetValue<string>());
        Assert.StartsWith("error trying to reach service", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_proxy_needs_the_API_servers_credentials()
    {
        _server.RouteService("ns1", "couchdb", 5984, _backend.Url);

        var (code, _) = await _client.SendAsync("GET", $"{Proxy}/_up", authorized: false);

        Assert.Equal(401, code);
        Assert.Empty(_backend.Requests);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(_server.Url), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KubeApiServer.Token);
        return request;
    }
}
