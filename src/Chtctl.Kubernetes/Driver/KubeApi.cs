using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Chtctl.Kubernetes.Driver;

/// <summary>
/// The few REST calls chtctl makes, as JSON. KubernetesClient provides the connection (kubeconfig, TLS,
/// credentials); this class keeps the calls generic over kinds so apply, prune and diff work the same for
/// every object the renderer produces.
/// </summary>
public sealed class KubeApi(HttpMessageInvoker http, Uri server) : IDisposable
{
    public const string FieldManager = "chtctl";

    public Uri Server { get; } = server;

    public Task<JsonObject?> GetAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken) =>
        GetPathAsync(kind.ObjectPath(ns, name), cancellationToken);

    /// <summary>GET of any path; null when it does not exist (404).</summary>
    public async Task<JsonObject?> GetPathAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.Code == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Objects of a kind matching a label selector, in one namespace or (null) across all.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceKind kind, string? ns, string? labelSelector, CancellationToken cancellationToken)
    {
        var path = kind.CollectionPath(ns) + (labelSelector is null ? "" : "?labelSelector=" + Uri.EscapeDataString(labelSelector));
        var list = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        var items = list?["items"]?.AsArray() ?? [];
        return [.. items.OfType<JsonObject>().Select(item =>
        {
            // Lists leave kind and apiVersion out of their items; callers treat items like single objects.
            item["kind"] ??= kind.Kind;
            item["apiVersion"] ??= kind.ApiVersion;
            return item;
        })];
    }

    /// <summary>Server-side apply as field manager <c>chtctl</c>; returns the object as the server holds (or would hold) it.</summary>
    public async Task<JsonObject> ApplyAsync(JsonObject desired, bool dryRun, bool force, CancellationToken cancellationToken, string fieldManager = FieldManager)
    {
        var kind = ResourceKind.ForKind(desired["kind"]!.GetValue<string>());
        var meta = desired["metadata"]!.AsObject();
        var ns = kind.Namespaced ? meta["namespace"]?.GetValue<string>() : null;
        var query = $"?fieldManager={fieldManager}" + (force ? "&force=true" : "") + (dryRun ? "&dryRun=All" : "");
        var body = new StringContent(desired.ToJsonString(), Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml");
        return (await SendAsync(HttpMethod.Patch, kind.ObjectPath(ns, meta["name"]!.GetValue<string>()) + query, body, null, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Deletes an object; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            // Foreground: the Deployment's pods go before it is reported gone, so a later apply starts clean.
            var options = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["propagationPolicy"] = "Foreground" };
            await SendAsync(HttpMethod.Delete, kind.ObjectPath(ns, name), Json(options), null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.Code == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The last lines a pod's container logged (the <c>log</c> subresource, plain text).</summary>
    public async Task<string> PodLogAsync(string ns, string pod, string container, int tailLines, CancellationToken cancellationToken)
    {
        var path = $"{ResourceKind.Pod.ObjectPath(ns, pod)}/log?container={Uri.EscapeDataString(container)}&tailLines={tailLines}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server, path.TrimStart('/')));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new KubeApiException(response.StatusCode, "GET", path.Split('?')[0], null);
        return text;
    }

    /// <summary>
    /// A request to a Service through the API server's service proxy
    /// (<c>/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH</c>). The answer is the backend's, or the API
    /// server's own Status (503) when nothing answers. The API server consumes the Authorization header for its
    /// own authentication, so credentials for the backend can only ride in other headers (a session cookie).
    /// </summary>
    public async Task<ProxyAnswer> ProxyAsync(HttpMethod method, string ns, string service, int port, string path, HttpContent? content, string? cookie, CancellationToken cancellationToken)
    {
        var target = $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/services/{Uri.EscapeDataString(service)}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/proxy/{path.TrimStart('/')}";
        using var request = new HttpRequestMessage(method, new Uri(Server, target)) { Content = content };
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ClusterUnreachableException($"cannot reach the Kubernetes API server at {Server}: {e.Message}", e);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault() : null;
            return new ProxyAnswer(response.StatusCode, body, setCookie);
        }
    }

    public async Task<JsonObject> PostAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, path, Json(body), null, cancellationToken).ConfigureAwait(false))!;

    private static StringContent Json(JsonObject body)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, HttpContent? content, string? accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Server, path.TrimStart('/'))) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept ?? "application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ClusterUnreachableException($"cannot reach the Kubernetes API server at {Server}: {e.Message}", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonObject? json = null;
            if (text.Length > 0 && text.TrimStart().StartsWith('{'))
                json = JsonNode.Parse(text)?.AsObject();
            if (!response.IsSuccessStatusCode)
                throw new KubeApiException(response.StatusCode, method.Method, path.Split('?')[0], json);
            return json;
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>What a Service answered through the service proxy (or the API server's Status when it could not).</summary>
public sealed record ProxyAnswer(HttpStatusCode Status, string Body, string? SetCookie)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    /// <summary>A short reason for an operator: the Status message of the API server, or the backend's code and body.</summary>
    public string Reason
    {
        get
        {
            var text = Body.Length > 200 ? Body[..200] + "..." : Body;
            try
            {
                if (JsonNode.Parse(Body) is JsonObject { } json && json["kind"]?.GetValue<string>() == "Status")
                    return $"{(int)Status} {json["message"]}";
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON: the backend's own text.
            }
            return $"{(int)Status} {text.Trim()}";
        }
    }
}
