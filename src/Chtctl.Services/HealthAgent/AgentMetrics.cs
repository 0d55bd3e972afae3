using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Chtctl.Services.HealthAgent;

/// <summary>Counters the agent exposes in Prometheus' text format: checks, answers per node and state, CouchDB latency.</summary>
internal sealed class AgentMetrics
{
    /// <summary>Seconds; the agent gives up at 0.8 s, so the buckets resolve well below it.</summary>
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.8, 1, 2.5];

    private readonly ConcurrentDictionary<(string Node, string State), long> _answers = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);
    private long _checks;

    public void CountCheck() => Interlocked.Increment(ref _checks);

    public void CountAnswer(string node, string state) => _answers.AddOrUpdate((node, state), 1, (_, n) => n + 1);

    public void ObserveCouchDb(string node, TimeSpan elapsed) =>
        _latency.GetOrAdd(node, _ => new Histogram()).Observe(elapsed.TotalSeconds);

    public long Checks => Interlocked.Read(ref _checks);

    public long Answers(string node, string state) => _answers.GetValueOrDefault((node, state));

    public string Render(IReadOnlyCollection<string> drainedNodes)
    {
        var text = new StringBuilder();
        text.Append("# HELP chtctl_healthcheck_checks_total Agent checks HAProxy made.\n");
        text.Append("# TYPE chtctl_healthcheck_checks_total counter\n");
        text.Append(Invariant($"chtctl_healthcheck_checks_total {Checks}\n"));
        text.Append("# HELP chtctl_healthcheck_answers_total Answers given, by node and state.\n");
        text.Append("# TYPE chtctl_healthcheck_answers_total counter\n");
        foreach (var ((node, state), count) in _answers.OrderBy(a => a.Key.Node, StringComparer.Ordinal).ThenBy(a => a.Key.State, StringComparer.Ordinal))
            text.Append(Invariant($"chtctl_healthcheck_answers_total{{node=\"{Escape(node)}\",state=\"{state}\"}} {count}\n"));
        text.Append("# HELP chtctl_healthcheck_node_drained 1 while an operator has drained the node.\n");
        text.Append("# TYPE chtctl_healthcheck_node_drained gauge\n");
        foreach (var node in drainedNodes.Order(StringComparer.Ordinal))
            text.Append(Invariant($"chtctl_healthcheck_node_drained{{node=\"{Escape(node)}\"}} 1\n"));
        text.Append("# HELP chtctl_healthcheck_couchdb_request_seconds Time CouchDB took to answer the agent's requests.\n");
        text.Append("# TYPE chtctl_healthcheck_couchdb_request_seconds histogram\n");
        foreach (var (node, histogram) in _latency.OrderBy(l => l.Key, StringComparer.Ordinal))
            histogram.Render(text, "chtctl_healthcheck_couchdb_request_seconds", $"node=\"{Escape(node)}\"");
        return text.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private sealed class Histogram
    {
        private readonly long[] _counts = new long[Buckets.Length];
        private long _total;
        private double _sum;

        public void Observe(double seconds)
        {
            lock (this)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    if (seconds <= Buckets[i])
                        _counts[i]++;
                }

                _total++;
                _sum += seconds;
            }
        }

        public void Render(StringBuilder text, string name, string labels)
        {
            lock (this)
            {
                for (var i = 0; i < Buckets.Length; i++)
                    text.Append(Invariant($"{name}_bucket{{{labels},le=\"{Buckets[i]}\"}} {_counts[i]}\n"));
                text.Append(Invariant($"{name}_bucket{{{labels},le=\"+Inf\"}} {_total}\n"));
                text.Append(Invariant($"{name}_sum{{{labels}}} {_sum}\n"));
                text.Append(Invariant($"{name}_count{{{labels}}} {_total}\n"));
            }
        }
    }
}
