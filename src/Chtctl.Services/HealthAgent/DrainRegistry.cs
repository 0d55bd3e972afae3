using System.Collections.Concurrent;

namespace Chtctl.Services.HealthAgent;

/// <summary>
/// Nodes an operator took out of rotation. Kept in the agent's memory on purpose: a restarted agent
/// forgets drains, and the node returns to rotation rather than staying out unnoticed.
/// </summary>
internal sealed class DrainRegistry
{
    private readonly ConcurrentDictionary<string, bool> _drained = new(StringComparer.Ordinal);

    public bool IsDrained(string node) => _drained.ContainsKey(node);

    public void Drain(string node) => _drained[node] = true;

    public void Ready(string node) => _drained.TryRemove(node, out _);

    public IReadOnlyCollection<string> Drained => [.. _drained.Keys];
}
