namespace Chtctl.Services.HealthAgent;

/// <summary>
/// Turns the line HAProxy sends (<c>agent-send "couchdb-1\n"</c>) into the agent-check answer for that node:
/// <c>up ready</c> (ready also ends a drain or maintenance HAProxy holds), <c>drain</c> while an operator
/// drains it, <c>down #reason</c> when it is sick or unknown.
/// </summary>
internal sealed class AgentResponder(AgentOptions options, NodeStatusCache cache, DrainRegistry drains, AgentMetrics metrics, AgentLog log)
{
    private readonly Dictionary<string, NodeTarget> _nodes = options.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _lastHealthy = new(StringComparer.Ordinal);

    public bool IsKnown(string node) => _nodes.ContainsKey(node);

    public async Task<string> AnswerAsync(string? request)
    {
        metrics.CountCheck();
        var name = request?.Trim() ?? "";
        if (!_nodes.TryGetValue(name, out var node))
        {
            metrics.CountAnswer("unknown", "down");
            log.Write(AgentLogLevel.Warning, $"unknown node in agent request ({Printable(name)}); answering down");
            return "down #unknown node\n";
        }

        var health = await cache.GetAsync(node).ConfigureAwait(false);
        Transition(name, health);
        if (!health.Healthy)
        {
            metrics.CountAnswer(name, "down");
            return $"down #{health.Reason}\n";
        }

        if (drains.IsDrained(name))
        {
            metrics.CountAnswer(name, "drain");
            return "drain #drained by operator\n";
        }

        metrics.CountAnswer(name, "up");
        return "up ready\n";
    }

    /// <summary>Logs a node's changes of state once, not every check.</summary>
    private void Transition(string name, NodeHealth health)
    {
        bool changed;
        lock (_lastHealthy)
        {
            changed = !_lastHealthy.TryGetValue(name, out var was) || was != health.Healthy;
            _lastHealthy[name] = health.Healthy;
        }

        if (changed)
            log.Write(health.Healthy ? AgentLogLevel.Info : AgentLogLevel.Warning, $"node {name} is {(health.Healthy ? "up" : "down: " + health.Reason)}");
        else if (log.IsEnabled(AgentLogLevel.Debug))
            log.Write(AgentLogLevel.Debug, $"node {name}: {health.Reason}");
    }

    /// <summary>Garbage from the wire is shown escaped and short, never raw into the log.</summary>
    private static string Printable(string text) =>
        string.Concat(text.Take(40).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c.ToString() : "?"));
}
