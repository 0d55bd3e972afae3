using Chtctl.Services.HealthAgent;

namespace Chtctl.Services.Tests.HealthAgent;

public sealed class AgentOptionsTests
{
    private static readonly Dictionary<string, string> Compose = new()
    {
        ["COUCHDB_SERVERS"] = "couchdb-1.local,couchdb-2.local,couchdb-3.local",
        ["COUCHDB_USER"] = "medic",
        ["COUCHDB_PASSWORD"] = "hunter2-secret",
        ["HEALTHCHECK_PORT"] = "5555",
        ["HEALTHCHECK_METRICS_PORT"] = "9555",
    };

    [Fact]
    public void Node_names_are_the_first_dns_label_of_each_host_as_haproxy_names_its_servers()
    {
        var (options, errors) = AgentOptions.FromEnvironment(k => Compose.GetValueOrDefault(k));

        Assert.Empty(errors);
        Assert.Equal(["couchdb-1", "couchdb-2", "couchdb-3"], options!.Nodes.Select(n => n.Name));
        Assert.Equal(new Uri("http://couchdb-2.local:5984/"), options.Nodes[1].BaseAddress);
        Assert.True(options.IsClustered);
    }

    [Fact]
    public void A_kubernetes_service_host_keeps_its_full_name_for_requests()
    {
        var env = new Dictionary<string, string>(Compose) { ["COUCHDB_SERVERS"] = "couchdb-1.district.svc.cluster.local" };

        var (options, _) = AgentOptions.FromEnvironment(k => env.GetValueOrDefault(k));

        Assert.Equal("couchdb-1", options!.Nodes.Single().Name);
        Assert.Equal("couchdb-1.district.svc.cluster.local", options.Nodes.Single().BaseAddress.Host);
        Assert.False(options.IsClustered);
    }

    [Fact]
    public void Results_are_reused_for_250_ms_unless_the_environment_says_otherwise()
    {
        var (shipped, _) = AgentOptions.FromEnvironment(k => Compose.GetValueOrDefault(k));
        var env = new Dictionary<string, string>(Compose) { ["HEALTHCHECK_CACHE_MS"] = "100" };
        var (tuned, _) = AgentOptions.FromEnvironment(k => env.GetValueOrDefault(k));

        Assert.Equal(TimeSpan.FromMilliseconds(250), shipped!.CacheFor);
        Assert.Equal(TimeSpan.FromMilliseconds(100), tuned!.CacheFor);
    }

    [Fact]
    public void Every_missing_or_wrong_setting_is_reported_at_once()
    {
        var env = new Dictionary<string, string> { ["HEALTHCHECK_PORT"] = "fifty", ["HEALTHCHECK_LOG_LEVEL"] = "loud" };

        var (options, errors) = AgentOptions.FromEnvironment(k => env.GetValueOrDefault(k));

        Assert.Null(options);
        Assert.Contains(errors, e => e.StartsWith("COUCHDB_SERVERS", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("COUCHDB_USER", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("COUCHDB_PASSWORD", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("HEALTHCHECK_PORT", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("HEALTHCHECK_LOG_LEVEL", StringComparison.Ordinal));
    }

    [Fact]
    public void The_settings_as_logged_never_show_the_password()
    {
        var (options, _) = AgentOptions.FromEnvironment(k => Compose.GetValueOrDefault(k));

        Assert.DoesNotContain("hunter2-secret", options!.ToString(), StringComparison.Ordinal);
        Assert.Contains("password=<redacted>", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DEBUG", "Debug")]
    [InlineData("info", "Info")]
    [InlineData("WARNING", "Warning")]
    [InlineData("error", "Error")]
    public void Upstream_log_level_names_are_understood(string text, string expected)
    {
        var env = new Dictionary<string, string>(Compose) { ["HEALTHCHECK_LOG_LEVEL"] = text };

        var (options, _) = AgentOptions.FromEnvironment(k => env.GetValueOrDefault(k));

        Assert.Equal(expected, options!.LogLevel.ToString());
    }
}
