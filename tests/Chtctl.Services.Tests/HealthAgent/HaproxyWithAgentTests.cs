using System.Diagnostics;
using System.Text;
using Chtctl.Services.Tests.Harness;

namespace Chtctl.Services.Tests.HealthAgent;

/// <summary>
/// chtctl's agent driving real HAProxy, which runs the haproxy.cfg chtctl renders for a three-node instance,
/// in front of three CouchDB stand-ins on loopback.
/// </summary>
public sealed class HaproxyWithAgentTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> AllUp = new() { ["couchdb-1"] = "UP", ["couchdb-2"] = "UP", ["couchdb-3"] = "UP" };
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private ThreeNodeInstance _instance = null!;

    public async Task InitializeAsync() => _instance = await ThreeNodeInstance.StartAsync();

    public async Task DisposeAsync() => await _instance.DisposeAsync();

    [Fact]
    public async Task With_every_node_healthy_all_three_backends_are_up()
    {
        var (reached, states, _) = await _instance.Haproxy.WaitForAsync(AllUp, Settle);

        Assert.True(reached, Describe(states));
        Assert.Equal("up ready", await _instance.AskAgentAsync("couchdb-2"));
    }

    [Fact]
    public async Task A_killed_node_leaves_rotation_alone_within_two_seconds_without_a_failed_request_and_returns_when_restarted()
    {
        Assert.True((await _instance.Haproxy.WaitForAsync(AllUp, Settle)).Reached);
        using var stopLoop = new CancellationTokenSource();
        var failed = 0;
        var sent = 0;
        var loop = Task.Run(async () =>
        {
            // Bounded: at most 2000 requests, four at a time, as long as the test needs them.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                while (!stopLoop.IsCancellationRequested && Interlocked.Increment(ref sent) <= 2000)
                {
                    if (!await _instance.RequestAsync())
                        Interlocked.Increment(ref failed);
                    await Task.Delay(5);
                }
            }));
        });
        await Task.Delay(300);

        _instance.Nodes["couchdb-2"].Crash();
        var killedAt = Stopwatch.StartNew();
        var down = await _instance.Haproxy.WaitForAsync(
            new Dictionary<string, string> { ["couchdb-2"] = "DOWN", ["couchdb-1"] = "UP", ["couchdb-3"] = "UP" }, Settle);
        var detected = killedAt.Elapsed;
        await Task.Delay(500);
        await stopLoop.CancelAsync();
        await loop;

        Assert.True(down.Reached, Describe(down.States));
        Assert.True(detected < TimeSpan.FromSeconds(2), $"couchdb-2 left rotation after {detected.TotalMilliseconds:0} ms");
        Assert.True(sent > 50, $"only {sent} requests were sent during the kill");
        Assert.Equal(0, failed);
        Assert.StartsWith("down #", await _instance.AskAgentAsync("couchdb-2"), StringComparison.Ordinal);

        _instance.Nodes["couchdb-2"].Restart();
        var back = await _instance.Haproxy.WaitForAsync(AllUp, Settle);
        Assert.True(back.Reached, Describe(back.States));
    }

    [Fact]
    public async Task A_drained_node_gets_no_new_requests_and_none_fail_then_ready_brings_its_traffic_back()
    {
        Assert.True((await _instance.Haproxy.WaitForAsync(AllUp, Settle)).Reached);
        using var admin = AdminClient();
        var node = _instance.Nodes["couchdb-3"];

        using (var drain = await admin.PostAsync(new Uri("/nodes/couchdb-3/drain", UriKind.Relative), null))
            Assert.Equal(System.Net.HttpStatusCode.OK, drain.StatusCode);
        var drained = await _instance.Haproxy.WaitForAsync(
            new Dictionary<string, string> { ["couchdb-3"] = "DRAIN", ["couchdb-1"] = "UP", ["couchdb-2"] = "UP" }, Settle);
        Assert.True(drained.Reached, Describe(drained.States));
        Assert.Equal("drain #drained by operator", await _instance.AskAgentAsync("couchdb-3"));

        var before = await node.ProxiedAsync();
        var failedWhileDrained = await _instance.RequestLoopAsync(count: 120, parallel: 6, pause: TimeSpan.Zero);
        Assert.Equal(0, failedWhileDrained);
        Assert.Equal(before, await node.ProxiedAsync());

        using (var ready = await admin.PostAsync(new Uri("/nodes/couchdb-3/ready", UriKind.Relative), null))
            Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        var back = await _instance.Haproxy.WaitForAsync(AllUp, Settle);
        Assert.True(back.Reached, Describe(back.States));
        var failedAfter = await _instance.RequestLoopAsync(count: 120, parallel: 6, pause: TimeSpan.Zero);
        Assert.Equal(0, failedAfter);
        Assert.True(await node.ProxiedAsync() > before, "couchdb-3 got no traffic after ready");
    }

    [Theory]
    [InlineData("slow", "down #no answer within 800 ms")]
    [InlineData("error", "down #/_up answered 500")]
    [InlineData("deny", "down #credentials refused")]
    public async Task A_sick_node_is_answered_down_with_its_reason_while_the_others_stay_up(string fault, string expected)
    {
        Assert.True((await _instance.Haproxy.WaitForAsync(AllUp, Settle)).Reached);

        await _instance.Nodes["couchdb-1"].SetFaultAsync(fault);

        var answer = "";
        for (var attempt = 0; attempt < 40 && answer != expected; attempt++)
        {
            answer = await _instance.AskAgentAsync("couchdb-1");
            if (answer != expected)
                await Task.Delay(100);
        }

        Assert.Equal(expected, answer);
        Assert.Equal("up ready", await _instance.AskAgentAsync("couchdb-2"));
        Assert.Equal("up ready", await _instance.AskAgentAsync("couchdb-3"));
        var down = await _instance.Haproxy.WaitForAsync(
            new Dictionary<string, string> { ["couchdb-1"] = "DOWN", ["couchdb-2"] = "UP", ["couchdb-3"] = "UP" }, Settle);
        Assert.True(down.Reached, Describe(down.States));

        await _instance.Nodes["couchdb-1"].SetFaultAsync("ok");
        var back = await _instance.Haproxy.WaitForAsync(AllUp, Settle);
        Assert.True(back.Reached, Describe(back.States));
    }

    [Fact]
    public async Task Garbled_and_unknown_agent_requests_are_answered_down_and_the_agent_keeps_serving()
    {
        Assert.True((await _instance.Haproxy.WaitForAsync(AllUp, Settle)).Reached);

        Assert.Equal("down #unknown node", await _instance.AskAgentAsync([0x00, 0xff, 0x13, (byte)'x', (byte)'\n']));
        Assert.Equal("down #unknown node", await _instance.AskAgentAsync(Encoding.ASCII.GetBytes(new string('a', 4000))));
        Assert.Equal("down #unknown node", await _instance.AskAgentAsync("couchdb-9"));
        Assert.Equal("down #unknown node", await _instance.AskAgentAsync(""));

        Assert.Equal("up ready", await _instance.AskAgentAsync("couchdb-1"));
        Assert.Equal(AllUp, await _instance.Haproxy.ServerStatesAsync());
    }

    private HttpClient AdminClient()
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_instance.ChtctlAgent!.MetricsPort}"), Timeout = TimeSpan.FromSeconds(5) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ThreeNodeInstance.User}:{ThreeNodeInstance.Password}")));
        return client;
    }

    private string Describe(Dictionary<string, string> states) =>
        $"states: {string.Join(", ", states.Select(s => $"{s.Key}={s.Value}"))}\nhaproxy:\n{_instance.Haproxy.Output}";
}
