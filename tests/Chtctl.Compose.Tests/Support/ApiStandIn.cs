using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Chtctl.Compose.Tests.Support;

/// <summary>
/// Stands in for CHT's api on a loopback port: answers every request with 200 and a JSON object of the
/// request headers it received (lower-cased names), so a test can see what nginx forwarded.
/// </summary>
internal sealed class ApiStandIn : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ApiStandIn()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    /// <summary>Stops listening: later connections are refused, as when the api container is down.</summary>
    public void Stop()
    {
        if (_stop.IsCancellationRequested)
            return;
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener's cancellation.
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private static async Task Serve(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            var requestLine = await reader.ReadLineAsync();
            for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                    headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }

            headers[":request"] = requestLine ?? "";
            var body = JsonSerializer.SerializeToUtf8Bytes(headers);
            var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(body);
        }
    }
}
