using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Chtctl.Core.Topology;
using Chtctl.Services.HealthAgent;
using Chtctl.Testing;

namespace Chtctl.Services.Tests.Harness;

/// <summary>
/// A three-node instance on loopback: three CouchDB stand-ins, a health agent configured from the
/// environment the topology gives the healthcheck container, and real HAProxy running the rendered config.
/// Everything started here is stopped by its process id in <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class ThreeNodeInstance : IAsyncDisposable
{
    public const string User = "medic";
    public const string Password = "stand-in-secret-7f3a";

    private readonly List<IDisposable> _started = [];
    private readonly HttpClient _client;

    private ThreeNodeInstance(InstanceTopology topology, IReadOnlyList<StandIn> nodes, IAgent agent, RunningHaproxy haproxy)
    {
        Topology = topology;
        Nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        Agent = agent;
        Haproxy = haproxy;
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{haproxy.FrontPort}"), Timeout = TimeSpan.FromSeconds(10) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
    }

    /// <summary>An agent on a loopback port: chtctl's, or the upstream rule the bench compares against.</summary>
    internal interface IAgent : IAsyncDisposable
    {
        int AgentPort { get; }
    }

    public InstanceTopology Topology { get; }

    public IReadOnlyDictionary<string, StandIn> Nodes { get; }

    public IAgent Agent { get; }

    public RunningHaproxy Haproxy { get; }

    /// <summary>chtctl's agent, when this instance runs it.</summary>
    public HealthAgentHost? ChtctlAgent => (Agent as ChtctlAgentAdapter)?.Host;

    public static async Task<ThreeNodeInstance> StartAsync(bool upstreamRule = false)
    {
        var topology = RenderedHaproxy.ThreeNodeTopology();
        var names = topology.Components.Where(c => c.Role == ComponentRole.CouchDb).OrderBy(c => c.CouchDbNode).Select(c => c.Name).ToArray();
        var members = topology.CouchDbHosts.Select(h => $"couchdb@{h}").ToArray();
        var nodes = new List<StandIn>();
        IAgent? agent = null;
        try
        {
            var ports = names.ToDictionary(n => n, _ => FreePorts.Publishable());
            var erlangNames = names.Zip(members).ToDictionary(p => p.First, p => p.Second);
            foreach (var name in names)
            {
                var peers = names.Where(n => n != name).ToDictionary(n => erlangNames[n], n => ports[n]);
                nodes.Add(new StandIn(name, ports[name], members, peers, User, Password));
            }

            agent = upstreamRule
                ? UpstreamRuleAgent.Start(nodes[0].Address, names.Length, User, Password)
                : ChtctlAgentAdapter.Start(AgentEnvironment(topology, nodes));
            var front = FreePorts.Publishable();
            var config = RenderedHaproxy.OnLoopback(topology, front, nodes.ToDictionary(n => n.Name, n => n.Port), agent.AgentPort);
            var haproxy = new RunningHaproxy(config, front, User, Password);
            return new ThreeNodeInstance(topology, nodes, agent, haproxy);
        }
        catch
        {
            if (agent is not null)
                await agent.DisposeAsync();
            nodes.ForEach(n => n.Dispose());
            throw;
        }
    }

    /// <summary>
    /// The healthcheck container's environment exactly as the topology gives it (the password from the test's
    /// secret), plus the loopback-only overrides: where each node listens, free ports, loopback bind.
    /// </summary>
    public static Dictionary<string, string> AgentEnvironment(InstanceTopology topology, IEnumerable<StandIn> nodes)
    {
        var component = topology.Components.Single(c => c.Role == ComponentRole.HealthAgent);
        var env = component.Env.ToDictionary(e => e.Name, e => e.Value switch
        {
            EnvValue.Text t => t.Value,
            EnvValue.Secret => Password,
            _ => throw new InvalidOperationException($"unexpected env {e.Name}"),
        }, StringComparer.Ordinal);
        env["HEALTHCHECK_NODE_URLS"] = string.Join(",", nodes.Select(n => $"{n.Name}={n.Address}"));
        env["HEALTHCHECK_PORT"] = "0";
        env["HEALTHCHECK_METRICS_PORT"] = "0";
        env["HEALTHCHECK_BIND_ADDRESS"] = "127.0.0.1";
        return env;
    }

    /// <summary>Asks the agent as HAProxy does: one line in, one line back.</summary>
    public async Task<string> AskAgentAsync(byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Agent.AgentPort);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? "";
    }

    public Task<string> AskAgentAsync(string node) => AskAgentAsync(Encoding.ASCII.GetBytes(node + "\n"));

    /// <summary>One client request through HAProxy, as CHT api makes them; true when CouchDB answered 200.</summary>
    public async Task<bool> RequestAsync()
    {
        try
        {
            using var response = await _client.GetAsync(new Uri("/medic", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>A bounded loop of <paramref name="count"/> requests, <paramref name="parallel"/> at a time; returns how many failed.</summary>
    public async Task<int> RequestLoopAsync(int count, int parallel, TimeSpan pause)
    {
        var failed = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                if (!await RequestAsync())
                    Interlocked.Increment(ref failed);
                await Task.Delay(pause);
            }
        }));
        return failed;
    }

    public async ValueTask DisposeAsync()
    {
        // Each peer is stopped even when stopping another one fails.
        _client.Dispose();
        try
        {
            Haproxy.Dispose();
        }
        finally
        {
            try
            {
                await Agent.DisposeAsync();
            }
            finally
            {
                foreach (var node in Nodes.Values)
                    node.Dispose();
            }
        }
    }

    private sealed class ChtctlAgentAdapter(HealthAgentHost host) : IAgent
    {
        public HealthAgentHost Host => host;

        public int AgentPort => host.AgentPort;

        public static ChtctlAgentAdapter Start(Dictionary<string, string> environment)
        {
            var (options, errors) = AgentOptions.FromEnvironment(k => environment.GetValueOrDefault(k));
            if (options is null)
                throw new InvalidOperationException(string.Join("\n", errors));
            var host = new HealthAgentHost(options, AgentLog.None, TimeProvider.System);
            host.Start();
            return new ChtctlAgentAdapter(host);
        }

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }
}
