using Chtctl.Compose.Rendering;
using Chtctl.Core.Rendering;
using Chtctl.Core.Topology;
using Chtctl.Testing;

namespace Chtctl.Compose.Tests.Support;

/// <summary>A scenario rendered with test secrets, and the environment its containers would get.</summary>
internal sealed record RenderedScenario(InstanceTopology Topology, RenderedTree Tree)
{
    public static RenderedScenario Of(string name)
    {
        var topology = Scenario.Named(name).Topology();
        return new RenderedScenario(topology, new ComposeRenderer().Render(topology, TestSecrets.Distinct));
    }

    public string File(string path) => Tree[path].Content;

    /// <summary>What haproxy's container gets from Compose: the credentials its config reads.</summary>
    public Dictionary<string, string> HaproxyEnvironment => new()
    {
        ["COUCHDB_USER"] = Topology.Spec.Couchdb.User,
        ["COUCHDB_PASSWORD"] = TestSecrets.Distinct.CouchDbPassword,
    };

    /// <summary>Instance-internal names haproxy resolves at start, mapped to loopback.</summary>
    public Dictionary<string, string> InstanceHosts =>
        Topology.CouchDbHosts.Append(Topology.Components.Single(c => c.Role == ComponentRole.HealthAgent).Name)
            .ToDictionary(h => h, _ => "127.0.0.1");
}
