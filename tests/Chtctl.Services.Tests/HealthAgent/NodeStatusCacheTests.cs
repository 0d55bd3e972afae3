using Chtctl.Services.HealthAgent;

namespace Chtctl.Services.Tests.HealthAgent;

public sealed class NodeStatusCacheTests
{
    private static readonly NodeTarget Node1 = new("couchdb-1", new Uri("http://couchdb-1.local:5984/"));
    private static readonly NodeTarget Node2 = new("couchdb-2", new Uri("http://couchdb-2.local:5984/"));

    [Fact]
    public async Task Fifty_concurrent_checks_of_one_node_share_one_couchdb_request()
    {
        var calls = 0;
        var release = new TaskCompletionSource<NodeHealth>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cache = new NodeStatusCache((_, _) => { Interlocked.Increment(ref calls); return release.Task; }, TimeSpan.FromMilliseconds(250), new ManualClock());

        var checks = Enumerable.Range(0, 50).Select(_ => cache.GetAsync(Node1)).ToArray();
        release.SetResult(NodeHealth.Up);
        var results = await Task.WhenAll(checks);

        Assert.Equal(1, calls);
        Assert.All(results, r => Assert.True(r.Healthy));
    }

    [Fact]
    public async Task A_result_is_reused_within_the_cache_time_and_checked_again_after_it()
    {
        var clock = new ManualClock();
        var calls = 0;
        var cache = new NodeStatusCache((_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? NodeHealth.Up : NodeHealth.Down("x")), TimeSpan.FromMilliseconds(250), clock);

        Assert.True((await cache.GetAsync(Node1)).Healthy);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.True((await cache.GetAsync(Node1)).Healthy);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False((await cache.GetAsync(Node1)).Healthy);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Each_node_is_cached_on_its_own()
    {
        var cache = new NodeStatusCache((n, _) => Task.FromResult(n.Name == "couchdb-1" ? NodeHealth.Down("sick") : NodeHealth.Up), TimeSpan.FromSeconds(10), new ManualClock());

        Assert.False((await cache.GetAsync(Node1)).Healthy);
        Assert.True((await cache.GetAsync(Node2)).Healthy);
    }

    [Fact]
    public async Task A_check_that_throws_reads_as_down_and_the_next_one_runs_again()
    {
        var clock = new ManualClock();
        var calls = 0;
        var cache = new NodeStatusCache((_, _) => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("boom") : Task.FromResult(NodeHealth.Up), TimeSpan.FromMilliseconds(250), clock);

        Assert.False((await cache.GetAsync(Node1)).Healthy);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await cache.GetAsync(Node1)).Healthy);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
