using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chtctl.Services.HealthAgent;

/// <summary>
/// HAProxy's agent-check protocol: HAProxy connects, sends its <c>agent-send</c> line, reads one line back
/// and closes. Each connection is served on its own so a slow node never delays another node's answer.
/// </summary>
internal sealed class AgentTcpServer(AgentResponder responder, AgentLog log) : IDisposable
{
    /// <summary>Longer than any node name; anything beyond is garbage and is not read further.</summary>
    private const int MaxRequest = 256;

    /// <summary>HAProxy sends its line at once; a client that sends nothing gets the unknown answer after this.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(1);

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public int Port { get; private set; }

    public void Start(string bindAddress, int port)
    {
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(new IPEndPoint(IPAddress.Parse(bindAddress), port));
        _listener.Listen(512);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of descriptors or a reset before accept: keep serving the others.
                log.Write(AgentLogLevel.Warning, $"accept failed: {e.SocketErrorCode}");
                continue;
            }

            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                client.NoDelay = true;
                var request = await ReadLineAsync(client, cancellationToken).ConfigureAwait(false);
                var answer = await responder.AnswerAsync(request).ConfigureAwait(false);
                await client.SendAsync(Encoding.ASCII.GetBytes(answer), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                log.Write(AgentLogLevel.Debug, $"agent connection ended early: {e.GetType().Name}");
            }
        }
    }

    /// <summary>The request up to its newline, or null when it is too long, not text, or never ends.</summary>
    private static async Task<string?> ReadLineAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequest];
        var length = 0;

        // HAProxy sends its line right after connecting, so it has usually arrived by the time the connection
        // is accepted: read it at once, without arming a timeout timer for every check.
        if (client.Available > 0)
        {
            length = client.Receive(buffer, SocketFlags.None);
            var end = Array.IndexOf(buffer, (byte)'\n', 0, length);
            if (end >= 0)
                return Text(buffer.AsSpan(0, end));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadTimeout);
        try
        {
            while (length < buffer.Length)
            {
                var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                    break;
                var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
                length += read;
                if (newline >= 0)
                    return Text(buffer.AsSpan(0, newline));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        // Closed its side without a newline: take what came, if it is text.
        return length is > 0 and < MaxRequest ? Text(buffer.AsSpan(0, length)) : null;
    }

    private static string? Text(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is < 0x20 and not (byte)'\r' and not (byte)'\t' || b >= 0x7f)
                return null;
        }

        return Encoding.ASCII.GetString(bytes);
    }

    public void Dispose() => _listener.Dispose();
}
