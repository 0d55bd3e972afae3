using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Chtctl.Testing;

namespace Chtctl.Services.Tests.Harness;

/// <summary>Real HAProxy running a config on loopback, with its server states read from its stats CSV.</summary>
internal sealed class RunningHaproxy : IDisposable
{
    private readonly BackgroundProcess _process;
    private readonly string _directory;
    private readonly HttpClient _stats;

    public RunningHaproxy(string config, int frontPort, string user, string password)
    {
        _directory = Directory.CreateTempSubdirectory("chtctl-haproxy-").FullName;
        var file = Path.Combine(_directory, "haproxy.cfg");
        File.WriteAllText(file, config);
        var environment = new Dictionary<string, string> { ["COUCHDB_USER"] = user, ["COUCHDB_PASSWORD"] = password };
        _process = new BackgroundProcess("haproxy", ["-db", "-f", file], environment);
        _process.WaitForPort(frontPort);
        FrontPort = frontPort;
        _stats = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{frontPort}"), Timeout = TimeSpan.FromSeconds(5) };
        _stats.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    public int FrontPort { get; }

    /// <summary>HAProxy's log without the test's own stats polling.</summary>
    public string Output => string.Join('\n', _process.Output.Split('\n').Where(l => !l.Contains("<STATS>", StringComparison.Ordinal)));

    /// <summary>
    /// Each server's status in the backend (UP, DOWN, DRAIN, "UP 1/2" while changing...), from <c>/haproxy?stats;csv</c>.
    /// The " (agent)" HAProxy adds when the agent set the state is dropped: the state is what matters.
    /// </summary>
    public async Task<Dictionary<string, string>> ServerStatesAsync()
    {
        var csv = await _stats.GetStringAsync(new Uri("/haproxy?stats;csv", UriKind.Relative));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var (px, sv, status) = (Column("pxname"), Column("svname"), Column("status"));
        return lines.Skip(1).Select(l => l.Split(','))
            .Where(f => f[px] == Core.Rendering.Haproxy.HaproxyConfigRenderer.Backend && f[sv] is not ("BACKEND" or "FRONTEND"))
            .ToDictionary(f => f[sv], f => f[status].Replace(" (agent)", "", StringComparison.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>
    /// Polls the stats until every listed server shows the wanted status, or the bounded wait ends; returns
    /// the last states seen and how long it took, so a test can report what it saw.
    /// </summary>
    public async Task<(bool Reached, Dictionary<string, string> States, TimeSpan Elapsed)> WaitForAsync(
        IReadOnlyDictionary<string, string> wanted, TimeSpan within)
    {
        var stopwatch = Stopwatch.StartNew();
        var states = new Dictionary<string, string>();
        for (var attempt = 0; attempt < 10_000 && stopwatch.Elapsed < within; attempt++)
        {
            states = await ServerStatesAsync();
            if (wanted.All(w => states.GetValueOrDefault(w.Key) == w.Value))
                return (true, states, stopwatch.Elapsed);
            await Task.Delay(25);
        }

        return (false, states, stopwatch.Elapsed);
    }

    public void Dispose()
    {
        _stats.Dispose();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
