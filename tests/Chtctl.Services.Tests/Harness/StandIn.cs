using System.Net.Http.Json;
using System.Text.Json;
using Chtctl.Testing;

namespace Chtctl.Services.Tests.Harness;

/// <summary>
/// One CouchDB node played by the Node.js stand-in (<c>tests/fixtures/couchdb-standin</c>) on a loopback port.
/// It can be crashed and started again on the same port, and told to answer slowly, with 500, or to refuse credentials.
/// </summary>
internal sealed class StandIn : IDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly HttpClient _control;
    private BackgroundProcess _process;

    /// <summary>A stand-in for <c>name</c>; <c>peers</c> are the other members' Erlang names and ports, reported in all_nodes while they listen.</summary>
    public StandIn(string name, int port, IReadOnlyList<string> clusterNodes, IReadOnlyDictionary<string, int> peers, string user, string password)
    {
        Name = name;
        Port = port;
        _environment = new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["COUCHDB_USER"] = user,
            ["COUCHDB_PASSWORD"] = password,
            ["NODE_NAME"] = $"couchdb@{name}.local",
            ["CLUSTER_NODES"] = string.Join(",", clusterNodes),
            ["PEERS"] = string.Join(",", peers.Select(p => $"{p.Key}={p.Value}")),
        };
        _control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        _process = Launch();
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public static string ServerScript
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var script = Path.Combine(dir.FullName, "tests", "fixtures", "couchdb-standin", "server.js");
                if (File.Exists(script))
                    return script;
            }

            throw new FileNotFoundException("tests/fixtures/couchdb-standin/server.js not found above " + AppContext.BaseDirectory);
        }
    }

    public void Crash() => _process.Crash();

    public void Restart()
    {
        _process.Dispose();
        _process = Launch();
    }

    public async Task SetFaultAsync(string mode)
    {
        using var response = await _control.PostAsync(new Uri($"/_standin/fault?mode={mode}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Requests HAProxy forwarded to this node so far.</summary>
    public async Task<int> ProxiedAsync()
    {
        using var stats = await _control.GetFromJsonAsync<JsonDocument>(new Uri("/_standin/stats", UriKind.Relative));
        return stats!.RootElement.GetProperty("proxied").GetInt32();
    }

    private BackgroundProcess Launch()
    {
        var process = new BackgroundProcess("node", [ServerScript], _environment);
        process.WaitForPort(Port);
        return process;
    }

    public void Dispose()
    {
        _process.Dispose();
        _control.Dispose();
    }
}
