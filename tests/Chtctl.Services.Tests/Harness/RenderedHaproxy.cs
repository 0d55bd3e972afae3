using System.Globalization;
using System.Text.RegularExpressions;
using Chtctl.Core.Parsing;
using Chtctl.Core.Rendering.Haproxy;
using Chtctl.Core.Topology;
using Chtctl.Core.Versions;

namespace Chtctl.Services.Tests.Harness;

/// <summary>
/// The haproxy.cfg chtctl renders for a three-node instance, with only what loopback needs rewritten:
/// the bind port, each server's address and the agent's address. Every rewrite must apply exactly once per
/// line it targets, or the copy is refused, so the test never runs a config that drifted from the renderer.
/// </summary>
internal static partial class RenderedHaproxy
{
    private const string Instance = """
        apiVersion: chtctl/v1
        name: district
        cht:
          version: 4.22.0
        couchdb:
          nodes: 3
        """;

    public static InstanceTopology ThreeNodeTopology()
    {
        var result = InstanceFileReader.Read(Instance, "instance.yaml");
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        var spec = result.Spec!;
        if (!VersionRequest.TryParse(spec.Cht.Version, out var request))
            throw new InvalidOperationException("bad version");
        return TopologyBuilder.Build(spec, new ReleaseCatalogue(spec.Cht.Registry).Resolve(request, pinned: null));
    }

    /// <summary>The rendered config on loopback: <paramref name="nodePorts"/> maps each server name to its stand-in's port.</summary>
    public static string OnLoopback(InstanceTopology topology, int frontPort, IReadOnlyDictionary<string, int> nodePorts, int agentPort)
    {
        var config = HaproxyConfigRenderer.Render(topology);
        config = Replace(config, BindLine(), _ => $"bind 127.0.0.1:{frontPort}\n", 1);
        config = Replace(config, ServerAddress(), m => $"server {m.Groups[1].Value} 127.0.0.1:{nodePorts[m.Groups[1].Value].ToString(CultureInfo.InvariantCulture)} ", nodePorts.Count);
        config = Replace(config, AgentAddress(), _ => $"agent-addr 127.0.0.1 agent-port {agentPort.ToString(CultureInfo.InvariantCulture)} ", nodePorts.Count);
        return config;
    }

    private static string Replace(string text, Regex pattern, MatchEvaluator replacement, int expected)
    {
        var found = pattern.Count(text);
        if (found != expected)
            throw new InvalidOperationException($"rendered haproxy.cfg changed shape: {pattern} matched {found} times, expected {expected}\n{text}");
        return pattern.Replace(text, replacement);
    }

    [GeneratedRegex(@"bind :\d+\n")]
    private static partial Regex BindLine();

    [GeneratedRegex(@"server (\S+) \S+:5984 ")]
    private static partial Regex ServerAddress();

    [GeneratedRegex(@"agent-addr \S+ agent-port \d+ ")]
    private static partial Regex AgentAddress();
}
