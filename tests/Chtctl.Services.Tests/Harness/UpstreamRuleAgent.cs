using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Chtctl.Services.Tests.Harness;

/// <summary>
/// Upstream's rule (cht-core haproxy-healthcheck/check.py), reproduced to compare against: ignore which
/// server HAProxy asks about, fetch the first node's <c>/_membership</c> (1 s timeout, no cache), and answer
/// the same <c>up</c> or <c>down</c> for every backend.
/// </summary>
internal sealed class UpstreamRuleAgent : ThreeNodeInstance.IAgent
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _membership;
    private readonly int _servers;
    private Task _loop = Task.CompletedTask;

    private UpstreamRuleAgent(Uri firstNode, int servers, string user, string password)
    {
        _membership = new Uri(firstNode, "_membership");
        _servers = servers;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    public int AgentPort => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static UpstreamRuleAgent Start(Uri firstNode, int servers, string user, string password)
    {
        var agent = new UpstreamRuleAgent(firstNode, servers, user, password);
        agent._listener.Start();
        agent._loop = agent.AcceptAsync();
        return agent;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var answer = await IsUpAsync() ? "up\n" : "down\n";
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(answer));
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // HAProxy hung up; nothing to answer.
            }
        }
    }

    private async Task<bool> IsUpAsync()
    {
        try
        {
            using var json = JsonDocument.Parse(await _http.GetStringAsync(_membership));
            var all = json.RootElement.GetProperty("all_nodes").EnumerateArray().Select(e => e.GetString()).Order().ToArray();
            var cluster = json.RootElement.GetProperty("cluster_nodes").EnumerateArray().Select(e => e.GetString()).Order().ToArray();
            return all.Length == _servers && all.SequenceEqual(cluster);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _http.Dispose();
        _stop.Dispose();
    }
}
