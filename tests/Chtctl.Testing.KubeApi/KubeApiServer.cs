using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chtctl.Testing.KubeApi;

/// <summary>
/// A Kubernetes API server for tests, on 127.0.0.1 and a free port, over plain HTTP with a bearer token.
/// It implements the REST semantics chtctl relies on (see <see cref="ObjectStore"/>) and discovery,
/// SelfSubjectAccessReview with configurable denials, and a Deployment controller a test can steer.
/// Clients poll; watch is not served.
/// </summary>
public sealed class KubeApiServer : IAsyncDisposable
{
    public const string Token = "test-token-for-chtctl";

    private readonly WebApplication _app;
    private readonly HashSet<string> _denied = new(StringComparer.Ordinal);
    private readonly ServiceProxy _proxy;

    private KubeApiServer(WebApplication app, TimeProvider clock)
    {
        _app = app;
        Store = new ObjectStore(clock);
        Deployments = new DeploymentController(Store, clock);
        Store.DeploymentWritten = Deployments.OnWritten;
        _proxy = new ServiceProxy(Store);
    }

    public ObjectStore Store { get; }

    /// <summary>What <c>pods/NAME/log</c> answers, by pod name (empty when not set).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> PodLogs { get; } = new(StringComparer.Ordinal);

    public DeploymentController Deployments { get; }

    public string Url { get; private set; } = "";

    /// <summary>Every request as <c>METHOD path?query</c>, in order: tests assert what chtctl did and did not send.</summary>
    public List<string> Requests { get; } = [];

    public IEnumerable<string> Writes
    {
        get
        {
            lock (Requests)
                return [.. Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal) && !r.Contains("selfsubjectaccessreviews", StringComparison.Ordinal) && !r.Contains("dryRun=All", StringComparison.Ordinal))];
        }
    }

    /// <summary>
    /// Sends the service proxy's requests for a Service port to <paramref name="backend"/>, as the real server
    /// sends them to one of the Service's ready endpoints. Without a route the proxy answers 503, as for a
    /// Service with no endpoints.
    /// </summary>
    public void RouteService(string ns, string service, int port, Uri backend) => _proxy.Route(ns, service, port, backend);

    /// <summary>Takes a Service port's route away: the Service then has no endpoints.</summary>
    public void UnrouteService(string ns, string service, int port) => _proxy.Unroute(ns, service, port);

    /// <summary>Makes SelfSubjectAccessReview answer "not allowed" for a verb on a resource (plural, or plural/subresource), in every namespace.</summary>
    public void Deny(string verb, string resource)
    {
        lock (_denied)
            _denied.Add($"{verb} {resource}");
    }

    public static async Task<KubeApiServer> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new KubeApiServer(app, clock ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>A kubeconfig for this server with one context, <c>test</c>.</summary>
    public string Kubeconfig(string context = "test") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: test-cluster
          cluster:
            server: {Url}
        users:
        - name: test-user
          user:
            token: {Token}
        contexts:
        - name: {context}
          context:
            cluster: test-cluster
            user: test-user
        current-context: {context}
        """;

    /// <summary>Puts an object straight into the store as another client would create it.</summary>
    public JsonObject Create(JsonObject body, string manager = "kubectl-create")
    {
        var resource = ApiResource.ForKind(body["kind"]!.GetValue<string>());
        var ns = resource.Namespaced ? body["metadata"]!["namespace"]!.GetValue<string>() : null;
        return Store.Create(resource, ns, body, manager, dryRun: false);
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        lock (Requests)
            Requests.Add($"{request.Method} {request.Path}{request.QueryString}");
        try
        {
            if (request.Headers.Authorization.ToString() != $"Bearer {Token}")
                throw new ApiError(401, "Unauthorized", "Unauthorized");
            if (ProxyTarget(request.Path.Value!) is { } proxied)
            {
                await _proxy.ForwardAsync(http, proxied.Namespace, proxied.Service, proxied.Path).ConfigureAwait(false);
                return;
            }
            var answer = await RouteAsync(http).ConfigureAwait(false);
            await WriteAsync(http, request.Method == "POST" ? 201 : 200, answer).ConfigureAwait(false);
        }
        catch (ApiError e)
        {
            await WriteAsync(http, e.Code, e.ToStatus()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException or NullReferenceException)
        {
            // A bug in the test server shows in the test's failure message instead of as an empty answer.
            await WriteAsync(http, 500, new ApiError(500, "InternalError", e.ToString()).ToStatus()).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(HttpContext http, int code, JsonNode body)
    {
        if (body is JsonObject o && o[PlainTextMarker] is { } text)
        {
            http.Response.StatusCode = code == 201 ? 200 : code;
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync(text.GetValue<string>(), Encoding.UTF8).ConfigureAwait(false);
            return;
        }
        http.Response.StatusCode = code;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8).ConfigureAwait(false);
    }

    /// <summary>The namespace, service (with port) and path of a service proxy request, or null for other paths.</summary>
    private static (string Namespace, string Service, string[] Path)? ProxyTarget(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        return segments is ["api", "v1", "namespaces", var ns, "services", var service, "proxy", .. var rest]
            ? (ns, service, rest)
            : null;
    }

    private async Task<JsonNode> RouteAsync(HttpContext http)
    {
        var path = http.Request.Path.Value!.Trim('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        switch (segments)
        {
            case ["version"]:
                return new JsonObject { ["major"] = "1", ["minor"] = "31", ["gitVersion"] = "v1.31.0-chtctl-test", ["platform"] = "linux/amd64" };
            case ["api"]:
                return new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") };
            case ["apis"]:
                return Discovery.Groups();
            case ["api", "v1"]:
                return Discovery.Resources("", "v1");
            case ["apis", var g, var v]:
                return Discovery.Resources(g, v);
            case ["apis", "authorization.k8s.io", "v1", "selfsubjectaccessreviews"] when http.Request.Method == "POST":
                return Review(await ReadBodyAsync(http).ConfigureAwait(false));
        }

        var (group, version, rest) = segments switch
        {
            ["api", var v, .. var r] => ("", v, r),
            ["apis", var g, var v, .. var r] => (g, v, r),
            _ => throw new ApiError(404, "NotFound", "the server could not find the requested resource"),
        };
        string? ns = null;
        if (rest is ["namespaces", var n, var _, ..])
        {
            ns = n;
            rest = rest[2..];
        }
        if (rest is ["pods", var podName, "log"] && http.Request.Method == "GET")
            return Log(ns, podName, http.Request.Query["tailLines"].ToString());
        var resource = rest.Length > 0 ? ApiResource.Find(group, version, rest[0]) : null;
        if (resource is null || rest.Length > 2 || (resource.Namespaced == false && ns is not null))
            throw new ApiError(404, "NotFound", "the server could not find the requested resource");
        var name = rest.Length == 2 ? rest[1] : null;
        return await ServeAsync(http, resource, resource.Namespaced ? ns : null, name).ConfigureAwait(false);
    }

    /// <summary>The log subresource, as text; the marker tells <see cref="HandleAsync"/> to send it as text/plain.</summary>
    private JsonNode Log(string? ns, string pod, string tailLines)
    {
        if (ns is null || Store.Get(ApiResource.ForKind("Pod"), ns, pod) is null)
            throw ApiError.NotFound(ApiResource.ForKind("Pod"), pod);
        var lines = PodLogs.GetValueOrDefault(pod, "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (int.TryParse(tailLines, System.Globalization.CultureInfo.InvariantCulture, out var tail))
            lines = lines.TakeLast(tail).ToArray();
        return new JsonObject { [PlainTextMarker] = string.Join('\n', lines) + (lines.Length > 0 ? "\n" : "") };
    }

    private const string PlainTextMarker = "\u0000text";

    private async Task<JsonNode> ServeAsync(HttpContext http, ApiResource resource, string? ns, string? name)
    {
        var query = http.Request.Query;
        var dryRun = query["dryRun"].ToString() == "All";
        var manager = query["fieldManager"].ToString() is { Length: > 0 } m ? m : "unknown";
        if (resource.Namespaced && ns is null && name is not null)
            throw new ApiError(404, "NotFound", "the server could not find the requested resource");
        switch (http.Request.Method, name)
        {
            case ("GET", null):
                if (query["watch"].ToString() is "true" or "1")
                    throw new ApiError(405, "MethodNotAllowed", "this test server does not serve watch; poll instead");
                var (items, version) = Store.List(resource, ns, query["labelSelector"].ToString());
                return new JsonObject
                {
                    ["kind"] = resource.Kind + "List",
                    ["apiVersion"] = resource.ApiVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = version },
                    ["items"] = new JsonArray([.. items.Select(Item)]),
                };
            case ("GET", { } getName):
                return Store.Get(resource, ns, getName) ?? throw ApiError.NotFound(resource, getName);
            case ("POST", null):
                return Store.Create(resource, ns, await ReadBodyAsync(http).ConfigureAwait(false), manager, dryRun);
            case ("PUT", { } putName):
                return Store.Replace(resource, ns, putName, await ReadBodyAsync(http).ConfigureAwait(false), manager, dryRun);
            case ("DELETE", { } deleteName):
                return Store.Delete(resource, ns, deleteName, dryRun);
            case ("PATCH", { } patchName):
                var contentType = http.Request.ContentType ?? "";
                if (!contentType.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal))
                    throw new ApiError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml (this test server serves only server-side apply); got {contentType}");
                if (query["fieldManager"].ToString().Length == 0)
                    throw ApiError.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
                var force = query["force"].ToString() == "true";
                return Store.Apply(resource, ns, patchName, await ReadBodyAsync(http).ConfigureAwait(false), manager, force, dryRun);
            default:
                throw new ApiError(405, "MethodNotAllowed", $"{http.Request.Method} is not supported on this path");
        }
    }

    /// <summary>List items carry neither kind nor apiVersion on the real server.</summary>
    private static JsonNode Item(JsonObject o)
    {
        o.Remove("kind");
        o.Remove("apiVersion");
        return o;
    }

    private JsonObject Review(JsonObject review)
    {
        var attributes = review["spec"]?["resourceAttributes"];
        var subresource = attributes?["subresource"]?.GetValue<string>();
        var key = $"{attributes?["verb"]} {attributes?["resource"]}{(string.IsNullOrEmpty(subresource) ? "" : "/" + subresource)}";
        bool denied;
        lock (_denied)
            denied = _denied.Contains(key);
        review["status"] = new JsonObject
        {
            ["allowed"] = !denied,
            ["reason"] = denied ? "denied by the test's RBAC" : "allowed by the test's RBAC",
        };
        return review;
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync().ConfigureAwait(false);
        try
        {
            // JSON is YAML: chtctl sends apply patches as JSON. YAML-only syntax is not accepted here.
            return JsonNode.Parse(text) as JsonObject ?? throw ApiError.BadRequest("the request body is not an object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiError.BadRequest($"the request body is not JSON: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
