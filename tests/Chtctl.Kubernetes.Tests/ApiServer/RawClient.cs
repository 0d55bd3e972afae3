using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Chtctl.Testing.KubeApi;

namespace Chtctl.Kubernetes.Tests.ApiServer;

/// <summary>Plain HTTP against the test API server, independent of chtctl's client, to check the server on its own.</summary>
internal sealed class RawClient(KubeApiServer server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(server.Url) };

    public async Task<(int Code, JsonObject Body)> SendAsync(string method, string path, JsonObject? body = null, string contentType = "application/json", bool authorized = true)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (authorized)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KubeApiServer.Token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public Task<(int Code, JsonObject Body)> ApplyAsync(string path, JsonObject body, string manager, bool force = false, bool dryRun = false) =>
        SendAsync("PATCH", $"{path}?fieldManager={manager}{(force ? "&force=true" : "")}{(dryRun ? "&dryRun=All" : "")}", body, "application/apply-patch+yaml");

    public async Task<JsonObject> GetAsync(string path)
    {
        var (code, body) = await SendAsync("GET", path);
        Assert.Equal(200, code);
        return body;
    }

    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    public static JsonObject ConfigMap(string ns, string name, string value, Dictionary<string, string>? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject([.. (labels ?? []).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        },
        ["data"] = new JsonObject { ["key"] = value },
    };

    public static JsonObject Deployment(string ns, string name, int replicas, string image = "busybox:1") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = image }) },
            },
        },
    };

    public void Dispose() => _http.Dispose();
}
