using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chtctl.Services.UpgradeService;

/// <summary>
/// The upgrade service's HTTP transport. <see cref="HttpListener"/>, like the health agent's metrics port, rather
/// than ASP.NET Core: five routes do not need Kestrel, the chtctl executable stays one app on the base runtime
/// (no Microsoft.AspNetCore.App framework in the image), and start-up stays that of a CLI command.
/// Requests are served concurrently so a status poll is answered while an upgrade request is decided.
/// </summary>
internal sealed class UpgradeHttpServer(UpgradeServiceOptions options, UpgradeEndpoints endpoints, UpgradeServiceLog log) : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Task> _inFlight = [];
    private Task _loop = Task.CompletedTask;

    public int Port { get; private set; }

    /// <exception cref="HttpListenerException">The port cannot be listened on.</exception>
    public void Start()
    {
        Port = options.Port == 0 ? FreePort() : options.Port;
        var host = options.BindAddress is "0.0.0.0" or "*" ? "+" : options.BindAddress;
        _listener.Prefixes.Add($"http://{host}:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
        log.Write($"listening on {options.BindAddress}:{Port} for instance {options.Instance}, images from {options.Registry}");
    }

    private async Task AcceptAsync()
    {
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

            var task = ServeAsync(context);
            lock (_inFlight)
                _inFlight.Add(task);
            _ = task.ContinueWith(t => { lock (_inFlight) _inFlight.Remove(t); }, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url?.AbsolutePath ?? "/";
        ServiceResponse response;
        try
        {
            response = await RouteAsync(request, path).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            response = ServiceResponse.Error(503, "The upgrade service is stopping");
        }
#pragma warning disable CA1031 // One failed request must not stop the service; the failure is answered and logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            response = ServiceResponse.Error(500, $"Internal error: {e.GetType().Name}: {e.Message}");
        }

        log.Write($"{request.HttpMethod} {path} {response.Status} {response.Outcome}");
        try
        {
            var bytes = Encoding.UTF8.GetBytes(response.Json);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            log.Write($"{request.HttpMethod} {path}: the client left before the answer ({e.GetType().Name})");
        }
    }

    private async Task<ServiceResponse> RouteAsync(HttpListenerRequest request, string path)
    {
        switch (request.HttpMethod, path.TrimEnd('/'))
        {
            case ("GET", ""):
                return UpgradeEndpoints.Root();
            case ("GET", "/server-status"):
                return endpoints.ServerStatus();
            case ("POST", "/start"):
                return UpgradeEndpoints.Start();
            case ("POST", "/upgrade" or "/install"):
                var (body, refusal) = await ReadBodyAsync(request).ConfigureAwait(false);
                if (refusal is not null)
                    return refusal;
                var from = request.RemoteEndPoint?.Address.ToString() ?? "unknown";
                return await endpoints.UpgradeAsync(body, $"CHT api via the upgrade service (from {from})", _stop.Token).ConfigureAwait(false);
            case (_, "" or "/server-status" or "/start" or "/upgrade" or "/install"):
                return ServiceResponse.Error(405, $"{request.HttpMethod} is not allowed on {path}");
            default:
                return ServiceResponse.Error(404, $"No route {path}; the service answers GET /, GET /server-status, POST /upgrade, POST /install and POST /start");
        }
    }

    /// <summary>The body up to the limit; a larger one is refused before it is read in full (413, as body-parser does).</summary>
    private async Task<(ReadOnlyMemory<byte> Body, ServiceResponse? Refusal)> ReadBodyAsync(HttpListenerRequest request)
    {
        var tooLarge = ServiceResponse.Error(413, $"request entity too large: the limit is {options.MaxBodyBytes} bytes");
        if (request.ContentLength64 > options.MaxBodyBytes)
            return (default, tooLarge);

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk, _stop.Token).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > options.MaxBodyBytes)
                return (default, tooLarge);
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length > 0 && !IsJson(request.ContentType))
            return (default, ServiceResponse.Error(415, $"Invalid payload: expected Content-Type application/json, got '{request.ContentType ?? "none"}'"));
        return (buffer.ToArray(), null);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        Task[] pending;
        lock (_inFlight)
            pending = [.. _inFlight];
        await Task.WhenAll(pending).ConfigureAwait(false);
        _listener.Close();
        _stop.Dispose();
    }
}
