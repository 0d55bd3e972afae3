using System.Globalization;
using Chtctl.Core.Topology;
using Chtctl.CouchDb.Membership;

namespace Chtctl.Services.HealthAgent;

/// <summary>One CouchDB node as HAProxy names it (its <c>agent-send</c> line) and where the agent reaches it.</summary>
internal sealed record NodeTarget(string Name, Uri BaseAddress);

/// <summary>
/// The health agent's settings, read from the environment the topology gives its container
/// (<c>COUCHDB_SERVERS</c>, <c>COUCHDB_USER</c>, <c>COUCHDB_PASSWORD</c>, <c>HEALTHCHECK_PORT</c>,
/// <c>HEALTHCHECK_METRICS_PORT</c>, <c>HEALTHCHECK_LOG_LEVEL</c>).
/// </summary>
internal sealed record AgentOptions
{
    public required IReadOnlyList<NodeTarget> Nodes { get; init; }

    public required string User { get; init; }

    public required string Password { get; init; }

    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary>0 picks a free port (tests).</summary>
    public int AgentPort { get; init; } = Ports.HealthAgent;

    public int MetricsPort { get; init; } = Ports.HealthAgentMetrics;

    public AgentLogLevel LogLevel { get; init; } = AgentLogLevel.Warning;

    /// <summary>HAProxy asks every 1000 ms; a node slower than this to answer /_up is not fit to serve.</summary>
    public TimeSpan CouchDbTimeout { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>A quarter of the agent interval: bursts share one CouchDB request, a death is still seen within the interval.</summary>
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Several nodes form a cluster, whose membership is checked too.</summary>
    public bool IsClustered => Nodes.Count > 1;

    public override string ToString() =>
        $"nodes={string.Join(",", Nodes.Select(n => $"{n.Name}={n.BaseAddress}"))} user={User} password=<redacted> agent-port={AgentPort} metrics-port={MetricsPort}";

    /// <summary>
    /// Reads the settings; returns every problem at once instead of the first. <c>HEALTHCHECK_CACHE_MS</c>
    /// (default 250) is how long one node's result is reused. <c>HEALTHCHECK_NODE_URLS</c>
    /// (<c>couchdb-1=http://127.0.0.1:15984,...</c>) overrides where each node is reached, for loopback tests
    /// where node names cannot resolve.
    /// </summary>
    public static (AgentOptions? Options, IReadOnlyList<string> Errors) FromEnvironment(Func<string, string?> env)
    {
        var errors = new List<string>();
        var nodes = new List<NodeTarget>();
        var servers = Split(env("COUCHDB_SERVERS"));
        if (servers.Length == 0)
            errors.Add("COUCHDB_SERVERS is not set: give the CouchDB node hosts as a comma list (couchdb-1.local,couchdb-2.local,...)");
        var overrides = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var entry in Split(env("HEALTHCHECK_NODE_URLS")))
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2 || !Uri.TryCreate(parts[1], UriKind.Absolute, out var uri))
                errors.Add($"HEALTHCHECK_NODE_URLS: '{entry}' is not NAME=http://HOST:PORT");
            else
                overrides[parts[0]] = uri;
        }

        foreach (var host in servers)
        {
            var name = NodeName(host);
            nodes.Add(new NodeTarget(name, overrides.GetValueOrDefault(name) ?? new Uri($"http://{host}:{Ports.CouchDb}/")));
        }

        var user = env("COUCHDB_USER");
        var password = env("COUCHDB_PASSWORD");
        if (string.IsNullOrEmpty(user))
            errors.Add("COUCHDB_USER is not set: the agent checks each node with the CouchDB admin credentials");
        if (string.IsNullOrEmpty(password))
            errors.Add("COUCHDB_PASSWORD is not set: the agent checks each node with the CouchDB admin credentials");
        var agentPort = PortFrom(env, "HEALTHCHECK_PORT", Ports.HealthAgent, errors);
        var metricsPort = PortFrom(env, "HEALTHCHECK_METRICS_PORT", Ports.HealthAgentMetrics, errors);
        var cacheMs = PortFrom(env, "HEALTHCHECK_CACHE_MS", 250, errors);
        var level = AgentLogLevel.Warning;
        var levelText = env("HEALTHCHECK_LOG_LEVEL");
        if (!string.IsNullOrEmpty(levelText) && !AgentLog.TryParseLevel(levelText, out level))
            errors.Add($"HEALTHCHECK_LOG_LEVEL: '{levelText}' is not one of debug, info, warning, error");

        if (errors.Count > 0)
            return (null, errors);
        return (new AgentOptions
        {
            Nodes = nodes,
            User = user!,
            Password = password!,
            AgentPort = agentPort,
            MetricsPort = metricsPort,
            LogLevel = level,
            CacheFor = TimeSpan.FromMilliseconds(cacheMs),
            BindAddress = env("HEALTHCHECK_BIND_ADDRESS") is { Length: > 0 } bind ? bind : "0.0.0.0",
        }, errors);
    }

    /// <summary>HAProxy's server name for a node: the first DNS label of its host (couchdb-1.local → couchdb-1).</summary>
    public static string NodeName(string host) => CouchDbNodeName.MemberOf(host);

    private static string[] Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A whole number from 0 to 65535 (ports, and the cache time in ms).</summary>
    private static int PortFrom(Func<string, string?> env, string key, int fallback, List<string> errors)
    {
        var text = env(key);
        if (string.IsNullOrEmpty(text))
            return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535)
            return port;
        errors.Add($"{key}: '{text}' is not a whole number from 0 to 65535");
        return fallback;
    }
}
