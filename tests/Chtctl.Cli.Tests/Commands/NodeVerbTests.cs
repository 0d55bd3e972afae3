using Chtctl.Services.HealthAgent;

namespace Chtctl.Cli.Tests.Commands;

/// <summary><c>chtctl node drain|ready|list</c> against a health agent running in process on loopback.</summary>
public sealed class NodeVerbTests : IAsyncLifetime
{
    private readonly CliRunner _cli = new();
    private HealthAgentHost _agent = null!;

    private string AgentUrl => $"http://127.0.0.1:{_agent.MetricsPort}";

    public Task InitializeAsync()
    {
        _agent = new HealthAgentHost(new AgentOptions
        {
            Nodes = [new NodeTarget("couchdb-1", new Uri("http://127.0.0.1:1/")), new NodeTarget("couchdb-2", new Uri("http://127.0.0.1:1/"))],
            User = "medic",
            Password = "admin-pw",
            AgentPort = 0,
            MetricsPort = 0,
            BindAddress = "127.0.0.1",
        }, AgentLog.None, TimeProvider.System);
        _agent.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public void Drain_then_ready_takes_the_node_out_and_puts_it_back()
    {
        _cli.Environment["COUCHDB_USER"] = "medic";
        _cli.Environment["COUCHDB_PASSWORD"] = "admin-pw";

        var drain = _cli.Run("node", "drain", "couchdb-2", "--agent", AgentUrl);
        Assert.Equal(0, drain.ExitCode);
        Assert.Contains("couchdb-2 drained", drain.Error, StringComparison.Ordinal);
        Assert.Equal(["couchdb-2"], _agent.Drains.Drained);
        Assert.Contains("{\"node\":\"couchdb-2\",\"drained\":true}", _cli.Run("node", "list", "--agent", AgentUrl).Out, StringComparison.Ordinal);

        var ready = _cli.Run("node", "ready", "couchdb-2", "--agent", AgentUrl);
        Assert.Equal(0, ready.ExitCode);
        Assert.Empty(_agent.Drains.Drained);
    }

    [Fact]
    public void Drain_with_wrong_credentials_fails_with_the_agents_reason_and_drains_nothing()
    {
        _cli.Environment["COUCHDB_USER"] = "medic";
        _cli.Environment["COUCHDB_PASSWORD"] = "guess";

        var result = _cli.Run("node", "drain", "couchdb-1", "--agent", AgentUrl);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
        Assert.Empty(_agent.Drains.Drained);
    }

    [Fact]
    public void Drain_without_credentials_in_the_environment_says_which_to_set()
    {
        var result = _cli.Run("node", "drain", "couchdb-1", "--agent", AgentUrl);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("COUCHDB_USER and COUCHDB_PASSWORD", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_agent_is_reported_with_how_to_reach_it_on_compose()
    {
        _cli.Environment["COUCHDB_USER"] = "medic";
        _cli.Environment["COUCHDB_PASSWORD"] = "admin-pw";

        var result = _cli.Run("node", "drain", "couchdb-1", "--agent", $"http://127.0.0.1:{Chtctl.Testing.FreePorts.Loopback()}");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("docker compose exec healthcheck", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_healthcheck_without_its_environment_lists_every_missing_setting_and_serves_nothing()
    {
        var result = _cli.Run("serve", "healthcheck");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("COUCHDB_SERVERS is not set", result.Error, StringComparison.Ordinal);
        Assert.Contains("COUCHDB_PASSWORD is not set", result.Error, StringComparison.Ordinal);
    }
}
