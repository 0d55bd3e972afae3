using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Chtctl.Services.HealthAgent;

/// <summary>
/// The agent's HTTP port: <c>/metrics</c> (Prometheus), <c>/healthz</c> (liveness), <c>GET /nodes</c>, and
/// <c>POST /nodes/NAME/drain</c> / <c>POST /nodes/NAME/ready</c> for <c>chtctl node</c>. Changing a drain
/// needs the CouchDB admin credentials, since it takes a node out of rotation.
/// </summary>
internal sealed class MetricsHttpServer(AgentOptions options, AgentResponder responder, DrainRegistry drains, AgentMetrics metrics, AgentLog log) : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _adminAuth = Encoding.UTF8.GetBytes(
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));

    public int Port { get; private set; }

    public void Start()
    {
        Port = options.MetricsPort == 0 ? FreePort() : options.MetricsPort;
        var host = options.BindAddress is "0.0.0.0" or "*" ? "+" : options.BindAddress;
        _listener.Prefixes.Add($"http://{host}:{Port}/");
        _listener.Start();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var stop = cancellationToken.Register(() => _listener.Stop()).ConfigureAwait(false);
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await ServeAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                log.Write(AgentLogLevel.Debug, $"metrics request ended early: {e.GetType().Name}");
            }
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url?.AbsolutePath ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (status, type, body) = (request.HttpMethod, segments) switch
        {
            ("GET", ["healthz"]) => (200, "text/plain", "ok\n"),
            ("GET", ["metrics"]) => (200, "text/plain; version=0.0.4", metrics.Render(drains.Drained)),
            ("GET", ["nodes"]) => (200, "application/json", NodesJson()),
            ("POST", ["nodes", var node, var action and ("drain" or "ready")]) => ChangeDrain(request, Uri.UnescapeDataString(node), action),
            (_, ["healthz" or "metrics" or "nodes", ..]) => (405, "application/json", Error("method_not_allowed", "use GET, or POST /nodes/NAME/drain|ready")),
            _ => (404, "application/json", Error("not_found", "try /metrics, /healthz or /nodes")),
        };

        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    private (int, string, string) ChangeDrain(HttpListenerRequest request, string node, string action)
    {
        var given = Encoding.UTF8.GetBytes(request.Headers["Authorization"] ?? "");
        if (!CryptographicOperations.FixedTimeEquals(given, _adminAuth))
            return (401, "application/json", Error("unauthorized", "drain and ready need the CouchDB admin credentials (Basic auth)"));
        if (!responder.IsKnown(node))
            return (404, "application/json", Error("not_found", $"no node named '{node}'; known: {string.Join(", ", options.Nodes.Select(n => n.Name))}"));
        if (action == "drain")
            drains.Drain(node);
        else
            drains.Ready(node);
        log.Write(AgentLogLevel.Warning, $"node {node} {(action == "drain" ? "drained" : "made ready")} by an operator");
        return (200, "application/json", JsonSerializer.Serialize(new Dictionary<string, object> { ["node"] = node, ["drained"] = action == "drain" }));
    }

    private string NodesJson() => JsonSerializer.Serialize(
        options.Nodes.Select(n => new Dictionary<string, object> { ["node"] = n.Name, ["drained"] = drains.IsDrained(n.Name) }));

    private static string Error(string error, string reason) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = error, ["reason"] = reason });

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose() => _listener.Close();
}
