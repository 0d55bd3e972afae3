using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Chtctl.Services.Tests.Harness;
using Chtctl.Testing;

// Measures chtctl's HAProxy health agent (bench/health-agent.sh runs it):
//  1. the built `chtctl serve healthcheck` executable answering 50 concurrent checks: latency and memory;
//  2. real HAProxy on the rendered three-node config: time from a node's death to its backend DOWN and
//     failed requests at a fixed rate during the loss, for chtctl's agent and for upstream's rule.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Chtctl.Bench.Health CHTCTL_EXECUTABLE RESULTS_FILE");
    return 64;
}

var culture = CultureInfo.InvariantCulture;
var report = new StringBuilder();
report.Append("# Health agent: speed and failover\n\n");
report.Append(culture, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared with other work), HAProxy {HaproxyVersion()}, by `bench/health-agent.sh`.\n");
report.Append("Three CouchDB-protocol stand-ins on loopback (`tests/fixtures/couchdb-standin`, which reports live peers in `all_nodes` as CouchDB does).\n\n");

// 1. Latency and memory of the executable: as shipped (results reused 250 ms, so some checks wait for a
// fresh CouchDB request), and with results reused for a minute, which leaves only the agent's own work.
var shipped = await AgentFiguresAsync(args[0], cacheMs: null);
var cachedOnly = await AgentFiguresAsync(args[0], cacheMs: 60_000);
var floor = await FloorAsync();
report.Append("## Agent answers (the built `chtctl serve healthcheck`)\n\n");
report.Append("Each check opens a TCP connection, sends a node name and reads the answer, as HAProxy does; checks are spread over the three nodes. ");
report.Append("The client runs on the same 2 cores as the agent. Two loads:\n\n");
report.Append(culture, $"- **bursts**: 50 checks started at once, 400 times, 10 ms apart ({shipped.Bursts.Count} checks) — what HAProxy does when 50 checks fall due together;\n");
report.Append(culture, $"- **saturation**: 50 clients checking back to back without pause ({shipped.Saturation.Count} checks at {shipped.PerSecond:0} checks/s, {shipped.PerSecond / 50:0} times what 50 backends checked every second need); latency here is mostly the queue of 50 on 2 cores.\n\n");
report.Append("\"As shipped\" reuses a node's result for 250 ms, so about one burst in twenty includes a fresh check of a node (two requests to a stand-in that itself probes its peers): ");
report.Append("those checks wait for CouchDB, which sets the p99. \"Agent only\" reuses results for a minute (`HEALTHCHECK_CACHE_MS=60000`), leaving the agent's own work.\n\n");
report.Append("\"Floor\" is a one-line Node.js server that answers `up ready` to anything, measured with the same client: what this shared machine allows at all.\n\n");
report.Append("| Figure | Bursts, as shipped | Bursts, agent only | Bursts, floor | Saturation, as shipped | Saturation, agent only | Saturation, floor | Target |\n|---|---|---|---|---|---|---|---|\n");
foreach (var (label, p) in new[] { ("median", 0.50), ("p99", 0.99), ("max", 1.0) })
{
    report.Append(culture, $"| answer latency, {label} | {Percentile(shipped.Bursts, p):0.00} ms | {Percentile(cachedOnly.Bursts, p):0.00} ms | {Percentile(floor.Bursts, p):0.00} ms | {Percentile(shipped.Saturation, p):0.00} ms | {Percentile(cachedOnly.Saturation, p):0.00} ms | {Percentile(floor.Saturation, p):0.00} ms | {(label == "p99" ? "< 5 ms" : "")} |\n");
}

report.Append("\n| Memory (as shipped) | Value |\n|---|---|\n");
report.Append(culture, $"| RSS after warm-up | {shipped.RssIdle / 1024.0:0.0} MiB |\n");
report.Append(culture, $"| RSS after both runs / peak | {shipped.RssAfter / 1024.0:0.0} MiB / {shipped.RssPeak / 1024.0:0.0} MiB |\n\n");

// 2. A node's loss under load, through real HAProxy.
report.Append("## A node killed under load (real HAProxy, rendered three-node `haproxy.cfg`)\n\n");
report.Append("Requests go through HAProxy at a fixed 200 per second for 5 s; `couchdb-2` is killed (SIGKILL) 1.5 s in. ");
report.Append("Detection is the time from the kill until HAProxy's stats show `couchdb-2` DOWN. ");
report.Append("\"Upstream's rule\" is an agent reproducing cht-core's `haproxy-healthcheck`: it asks the first node's `/_membership` and answers the same for every backend. Three runs each.\n\n");
report.Append("| Agent | Run | Detection | Failed requests | Backends UP at the worst moment |\n|---|---|---|---|---|\n");
foreach (var upstream in new[] { false, true })
{
    for (var run = 1; run <= 3; run++)
    {
        var (detected, failed, sent, fewestUp) = await NodeLossAsync(upstream);
        report.Append(culture, $"| {(upstream ? "upstream's rule" : "chtctl")} | {run} | {(detected is { } d ? $"{d.TotalMilliseconds:0} ms" : "not within 5 s")} | {failed} of {sent} | {fewestUp} of 3 |\n");
    }
}

report.Append("\nTargets: p99 under 5 ms, detection under 2 s, zero failed requests with chtctl's agent.\n");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
await File.WriteAllTextAsync(args[1], report.ToString());
Console.Write(report);
return 0;

static async Task<AgentFigures> AgentFiguresAsync(string executable, int? cacheMs)
{
    var culture = CultureInfo.InvariantCulture;
    var topology = RenderedHaproxy.ThreeNodeTopology();
    var names = new[] { "couchdb-1", "couchdb-2", "couchdb-3" };
    var members = topology.CouchDbHosts.Select(h => $"couchdb@{h}").ToArray();
    var ports = names.ToDictionary(n => n, _ => FreePorts.Publishable());
    var nodes = names.Select(n => new StandIn(n, ports[n], members,
        names.Where(o => o != n).ToDictionary(o => members[Array.IndexOf(names, o)], o => ports[o]),
        ThreeNodeInstance.User, ThreeNodeInstance.Password)).ToList();
    try
    {
        var env = ThreeNodeInstance.AgentEnvironment(topology, nodes);
        var agentPort = FreePorts.Publishable();
        env["HEALTHCHECK_PORT"] = agentPort.ToString(culture);
        env["HEALTHCHECK_METRICS_PORT"] = FreePorts.Publishable().ToString(culture);
        if (cacheMs is { } ms)
            env["HEALTHCHECK_CACHE_MS"] = ms.ToString(culture);
        using var agent = new BackgroundProcess(executable, ["serve", "healthcheck"], env);
        agent.WaitForPort(agentPort);
        await AskManyAsync(agentPort, names, workers: 10, perWorker: 100); // warm-up
        var (rssIdle, _) = Rss(agent.Id);
        var bursts = new List<double>();
        for (var burst = 0; burst < 400; burst++)
        {
            bursts.AddRange(await AskManyAsync(agentPort, names, workers: 50, perWorker: 1));
            await Task.Delay(10);
        }

        var wall = Stopwatch.StartNew();
        var saturation = await AskManyAsync(agentPort, names, workers: 50, perWorker: 400);
        wall.Stop();
        var (rssAfter, rssPeak) = Rss(agent.Id);
        bursts.Sort();
        saturation.Sort();
        return new AgentFigures(bursts, saturation, saturation.Count / wall.Elapsed.TotalSeconds, rssIdle, rssAfter, rssPeak);
    }
    finally
    {
        nodes.ForEach(n => n.Dispose());
    }
}

static async Task<(List<double> Bursts, List<double> Saturation)> FloorAsync()
{
    var port = FreePorts.Publishable();
    const string script = "require('net').createServer(s => { s.on('error', () => {}); s.once('data', () => s.end('up ready\\n')); }).listen(Number(process.argv[1]), '127.0.0.1');";
    using var server = new BackgroundProcess("node", ["-e", script, port.ToString(CultureInfo.InvariantCulture)]);
    server.WaitForPort(port);
    var names = new[] { "couchdb-1", "couchdb-2", "couchdb-3" };
    await AskManyAsync(port, names, workers: 10, perWorker: 100);
    var bursts = new List<double>();
    for (var burst = 0; burst < 400; burst++)
    {
        bursts.AddRange(await AskManyAsync(port, names, workers: 50, perWorker: 1));
        await Task.Delay(10);
    }

    var saturation = await AskManyAsync(port, names, workers: 50, perWorker: 400);
    bursts.Sort();
    saturation.Sort();
    return (bursts, saturation);
}

static async Task<List<double>> AskManyAsync(int port, string[] names, int workers, int perWorker)
{
    var all = new List<double>(workers * perWorker);
    await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
    {
        var mine = new List<double>(perWorker);
        var buffer = new byte[128];
        for (var i = 0; i < perWorker; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await client.ConnectAsync("127.0.0.1", port);
            await client.SendAsync(Encoding.ASCII.GetBytes(names[(w + i) % names.Length] + "\n"));
            var read = 0;
            while (read == 0 || buffer[read - 1] != (byte)'\n')
            {
                var n = await client.ReceiveAsync(buffer.AsMemory(read));
                if (n == 0)
                    break;
                read += n;
            }

            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!Encoding.ASCII.GetString(buffer, 0, read).StartsWith("up ready", StringComparison.Ordinal))
                throw new InvalidOperationException("agent answered " + Encoding.ASCII.GetString(buffer, 0, read));
        }

        lock (all)
            all.AddRange(mine);
    }));
    return all;
}

static async Task<(TimeSpan? Detected, int Failed, int Sent, int FewestUp)> NodeLossAsync(bool upstream)
{
    await using var instance = await ThreeNodeInstance.StartAsync(upstream);
    var allUp = new Dictionary<string, string> { ["couchdb-1"] = "UP", ["couchdb-2"] = "UP", ["couchdb-3"] = "UP" };
    if (!(await instance.Haproxy.WaitForAsync(allUp, TimeSpan.FromSeconds(15))).Reached)
        throw new InvalidOperationException("backends never all UP:\n" + instance.Haproxy.Output);

    const int rate = 200;
    const int total = rate * 5;
    var failed = 0;
    var start = Stopwatch.StartNew();
    var requests = new List<Task>(total);
    var killAt = TimeSpan.FromSeconds(1.5);
    TimeSpan? killed = null;
    TimeSpan? detected = null;
    var fewestUp = 3;
    var watch = Task.Run(async () =>
    {
        while (start.Elapsed < TimeSpan.FromSeconds(7))
        {
            var states = await instance.Haproxy.ServerStatesAsync();
            fewestUp = Math.Min(fewestUp, states.Values.Count(s => s == "UP"));
            if (killed is { } k && detected is null && states.GetValueOrDefault("couchdb-2") == "DOWN")
                detected = start.Elapsed - k;
            await Task.Delay(10);
        }
    });
    for (var i = 0; i < total; i++)
    {
        var due = TimeSpan.FromSeconds((double)i / rate);
        if (due > start.Elapsed)
            await Task.Delay(due - start.Elapsed);
        if (killed is null && start.Elapsed >= killAt)
        {
            instance.Nodes["couchdb-2"].Crash();
            killed = start.Elapsed;
        }

        requests.Add(Task.Run(async () =>
        {
            if (!await instance.RequestAsync())
                Interlocked.Increment(ref failed);
        }));
    }

    await Task.WhenAll(requests);
    await watch;
    return (detected, failed, total, fewestUp);
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

static (long Rss, long Peak) Rss(int pid)
{
    long Field(string name) => long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name, StringComparison.Ordinal))
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    return (Field("VmRSS:"), Field("VmHWM:"));
}

static string HaproxyVersion()
{
    using var process = Process.Start(new ProcessStartInfo("haproxy", ["-v"]) { RedirectStandardOutput = true })!;
    var first = process.StandardOutput.ReadLine() ?? "";
    process.WaitForExit();
    return first.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) ?? "?";
}

internal sealed record AgentFigures(List<double> Bursts, List<double> Saturation, double PerSecond, long RssIdle, long RssAfter, long RssPeak);
