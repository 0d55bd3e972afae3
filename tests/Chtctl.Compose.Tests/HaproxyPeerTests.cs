using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chtctl.Compose.Rendering;
using Chtctl.Compose.Tests.Support;
using Chtctl.Testing;

namespace Chtctl.Compose.Tests;

/// <summary>The rendered haproxy.cfg against HAProxy itself.</summary>
public sealed partial class HaproxyPeerTests
{
    public static TheoryData<string> Scenarios => Scenario.All();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Haproxy_accepts_the_rendered_config(string name)
    {
        var rendered = RenderedScenario.Of(name);
        using var temp = new TempDirectory();
        var config = temp.Combine("haproxy.cfg");
        TempDirectory.WriteFile(config, rendered.File(ProjectFiles.HaproxyConfig));

        var result = PeerTools.RunWithHosts(rendered.InstanceHosts, "haproxy", ["-c", "-f", config], rendered.HaproxyEnvironment);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Configuration file is valid", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("single-node-4x")]
    [InlineData("three-nodes")]
    public async Task With_no_CouchDB_node_up_haproxy_answers_a_json_503_and_reports_itself_unhealthy(string name)
    {
        var rendered = RenderedScenario.Of(name);
        using var temp = new TempDirectory();
        var front = FreePorts.Publishable();
        var config = temp.Combine("haproxy.cfg");
        TempDirectory.WriteFile(config, OnLoopback(rendered, front, deadPort: FreePorts.Loopback()));

        using var haproxy = new BackgroundProcess("haproxy", ["-db", "-f", config], rendered.HaproxyEnvironment);
        haproxy.WaitForPort(front);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{front}") };

        using var response = await http.GetAsync(new Uri("/medic/_all_docs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("service_unavailable", body.RootElement.GetProperty("error").GetString());
        Assert.Equal("haproxy", body.RootElement.GetProperty("server").GetString());

        // The health path the haproxy container's healthcheck asks turns 503 once the checks have failed.
        var health = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 100 && health != HttpStatusCode.ServiceUnavailable; attempt++)
        {
            await Task.Delay(100);
            using var check = await http.GetAsync(new Uri(Core.Topology.TopologyBuilder.HaproxyHealthPath, UriKind.Relative));
            health = check.StatusCode;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health);
    }

    /// <summary>
    /// A test copy of the config listening on a loopback port, with every CouchDB server and the agent
    /// pointing at a loopback port where nothing listens. Each rewrite must apply, or the test fails.
    /// </summary>
    private static string OnLoopback(RenderedScenario rendered, int front, int deadPort)
    {
        var config = rendered.File(ProjectFiles.HaproxyConfig);
        config = ReplaceExactly(config, $"bind :{Core.Topology.Ports.Haproxy}\n", $"bind 127.0.0.1:{front}\n", 1);
        var nodes = rendered.Topology.CouchDbHosts.Count;
        var dead = deadPort.ToString(CultureInfo.InvariantCulture);
        config = ReplaceExactly(config, ServerAddress(), m => $"{m.Groups[1].Value}127.0.0.1:{dead} ", nodes);
        config = ReplaceExactly(config, AgentAddress(), _ => $"agent-addr 127.0.0.1 agent-port {dead} ", nodes);
        return config;
    }

    private static string ReplaceExactly(string text, string find, string replacement, int expected)
    {
        Assert.Equal(expected, Regex.Count(text, Regex.Escape(find)));
        return text.Replace(find, replacement, StringComparison.Ordinal);
    }

    private static string ReplaceExactly(string text, Regex pattern, MatchEvaluator replacement, int expected)
    {
        Assert.Equal(expected, pattern.Count(text));
        return pattern.Replace(text, replacement);
    }

    [GeneratedRegex(@"(server \S+ )\S+:5984 ")]
    private static partial Regex ServerAddress();

    [GeneratedRegex(@"agent-addr \S+ agent-port \d+ ")]
    private static partial Regex AgentAddress();
}
