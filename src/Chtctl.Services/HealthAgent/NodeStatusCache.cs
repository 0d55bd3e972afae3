namespace Chtctl.Services.HealthAgent;

/// <summary>
/// The last check of each node, kept for <see cref="AgentOptions.CacheFor"/>: HAProxy's checks of one node
/// (several HAProxy processes, or a burst) share one CouchDB request, and a check already under way is
/// joined rather than repeated.
/// </summary>
internal sealed class NodeStatusCache(Func<NodeTarget, CancellationToken, Task<NodeHealth>> check, TimeSpan cacheFor, TimeProvider clock)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Task<NodeHealth> GetAsync(NodeTarget node)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(node.Name, out entry!))
                _entries[node.Name] = entry = new Entry();
        }

        lock (entry)
        {
            if (entry.InFlight is { } running)
                return running;
            if (entry.Last is { } last && clock.GetUtcNow() - entry.CheckedAt < cacheFor)
                return Task.FromResult(last);
            entry.InFlight = RunAsync(node, entry);
            return entry.InFlight;
        }
    }

    private async Task<NodeHealth> RunAsync(NodeTarget node, Entry entry)
    {
        // Yield first so the caller's lock is released before the check runs.
        await Task.Yield();
        NodeHealth result;
        try
        {
            result = await check(node, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            result = NodeHealth.Down("check failed");
        }

        lock (entry)
        {
            entry.Last = result;
            entry.CheckedAt = clock.GetUtcNow();
            entry.InFlight = null;
        }

        return result;
    }

    private sealed class Entry
    {
        public Task<NodeHealth>? InFlight { get; set; }

        public NodeHealth? Last { get; set; }

        public DateTimeOffset CheckedAt { get; set; }
    }
}
