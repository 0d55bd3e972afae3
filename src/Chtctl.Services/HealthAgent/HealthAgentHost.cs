namespace Chtctl.Services.HealthAgent;

/// <summary>
/// The whole agent: the agent-check TCP port and the metrics/admin HTTP port, over one shared view of the
/// nodes. <c>chtctl serve healthcheck</c> runs it; tests run it in process on loopback.
/// </summary>
internal sealed class HealthAgentHost : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly AgentTcpServer _agent;
    private readonly MetricsHttpServer _metricsServer;
    private readonly CancellationTokenSource _stop = new();
    private readonly AgentLog _log;
    private readonly AgentOptions _options;
    private Task _running = Task.CompletedTask;

    public HealthAgentHost(AgentOptions options, AgentLog log, TimeProvider clock)
    {
        _options = options;
        _log = log;
        // Fresh connections are cheap on the instance network, and a reused one to a node that died
        // would report the old node; keep-alive is kept only briefly.
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = options.CouchDbTimeout,
            UseProxy = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        Metrics = new AgentMetrics();
        Drains = new DrainRegistry();
        var checker = new NodeChecker(_http, options, Metrics);
        var cache = new NodeStatusCache(checker.CheckAsync, options.CacheFor, clock);
        var responder = new AgentResponder(options, cache, Drains, Metrics, log);
        _agent = new AgentTcpServer(responder, log);
        _metricsServer = new MetricsHttpServer(options, responder, Drains, Metrics, log);
    }

    public AgentMetrics Metrics { get; }

    public DrainRegistry Drains { get; }

    public int AgentPort => _agent.Port;

    public int MetricsPort => _metricsServer.Port;

    /// <summary>Binds both ports (so a taken port fails here, before anything is served) and starts serving.</summary>
    public void Start()
    {
        _agent.Start(_options.BindAddress, _options.AgentPort);
        _metricsServer.Start();
        _running = Task.WhenAll(_agent.RunAsync(_stop.Token), _metricsServer.RunAsync(_stop.Token));
        _log.Write(AgentLogLevel.Info, $"serving agent checks on {_options.BindAddress}:{AgentPort}, metrics on :{MetricsPort}; {_options}");
    }

    public Task Completion => _running;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _agent.Dispose();
        _metricsServer.Dispose();
        await _running.ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }
}
