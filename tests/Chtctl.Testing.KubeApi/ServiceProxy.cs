using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Chtctl.Testing.KubeApi;

/// <summary>
/// The service proxy subresource (<c>/api/v1/namespaces/NS/services/NAME[:PORT]/proxy/PATH</c>). The real API
/// server resolves the Service, picks a ready endpoint and forwards the request; here a test stands in for the
/// endpoints by routing a Service port to a backend URL. As on the real server: 404 when the Service does not
/// exist, 503 ServiceUnavailable when it has no endpoint or the endpoint refuses the connection, and the
/// Authorization header (the API server's own credentials) never reaches the backend.
/// </summary>
internal sealed class ServiceProxy(ObjectStore store)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static readonly string[] ForwardedRequestHeaders = ["Accept", "Cookie", "X-Forwarded-For"];

    private static readonly string[] ForwardedResponseHeaders = ["Set-Cookie", "Cache-Control"];

    private readonly ConcurrentDictionary<string, Uri> _backends = new(StringComparer.Ordinal);

    public void Route(string ns, string service, int port, Uri backend) => _backends[Key(ns, service, port)] = backend;

    public void Unroute(string ns, string service, int port) => _backends.TryRemove(Key(ns, service, port), out _);

    public async Task ForwardAsync(HttpContext http, string ns, string serviceAndPort, string[] path)
    {
        // NAME, NAME:PORT or SCHEME:NAME:PORT; PORT is a port number or a port name of the Service.
        var parts = serviceAndPort.Split(':');
        var (name, portText) = parts switch
        {
            [var n] => (n, ""),
            [var n, var p] => (n, p),
            [_, var n, var p] => (n, p),
            _ => throw ApiError.BadRequest($"invalid service request \"{serviceAndPort}\""),
        };
        var services = ApiResource.ForKind("Service");
        var service = store.Get(services, ns, name) ?? throw ApiError.NotFound(services, name);
        var ports = service["spec"]?["ports"]?.AsArray().OfType<System.Text.Json.Nodes.JsonObject>().ToList() ?? [];
        var port = portText.Length == 0
            ? ports.FirstOrDefault()
            : ports.FirstOrDefault(p => p["name"]?.GetValue<string>() == portText || p["port"]?.ToString() == portText);
        var number = port?["port"]?.GetValue<int>() ?? -1;
        if (port is null || !_backends.TryGetValue(Key(ns, name, number), out var backend))
            throw new ApiError(503, "ServiceUnavailable", $"no endpoints available for service \"{name}\"");

        var target = new Uri(backend, string.Join('/', path.Select(Uri.EscapeDataString)) + http.Request.QueryString);
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), target);
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);
            request.Content = new ByteArrayContent(buffer.ToArray());
            if (http.Request.ContentType is { } contentType)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var header in ForwardedRequestHeaders)
        {
            if (http.Request.Headers.TryGetValue(header, out var values))
                request.Headers.TryAddWithoutValidation(header, values.ToArray());
        }
        HttpResponseMessage response;
        try
        {
            response = await Http.SendAsync(request).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ApiError(503, "ServiceUnavailable", $"error trying to reach service: dial tcp {backend.Authority}: {e.Message}");
        }
        using (response)
        {
            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in ForwardedResponseHeaders)
            {
                if (response.Headers.TryGetValues(header, out var values))
                    http.Response.Headers[header] = values.ToArray();
            }
            if (response.Content.Headers.ContentType is { } type)
                http.Response.ContentType = type.ToString();
            await response.Content.CopyToAsync(http.Response.Body).ConfigureAwait(false);
        }
    }

    private static string Key(string ns, string service, int port) => $"{ns}/{service}/{port.ToString(CultureInfo.InvariantCulture)}";
}
