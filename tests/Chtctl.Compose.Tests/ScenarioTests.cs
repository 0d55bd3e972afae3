using Chtctl.Compose.Rendering;
using Chtctl.Compose.Tests.Support;
using Chtctl.Testing;

namespace Chtctl.Compose.Tests;

/// <summary>Each scenario folder renders exactly its expected/ tree, the same way every time, with secrets only in .env.</summary>
public sealed class ScenarioTests
{
    public static TheoryData<string> Scenarios => Scenario.All();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Renders_the_expected_project(string name)
    {
        var scenario = Scenario.Named(name);
        scenario.AssertMatches(scenario.Render(new ComposeRenderer()));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Rendering_twice_gives_identical_bytes(string name)
    {
        var topology = Scenario.Named(name).Topology();
        var first = new ComposeRenderer().Render(topology, TestSecrets.Distinct);
        var second = new ComposeRenderer().Render(Scenario.Named(name).Topology(), TestSecrets.Distinct);
        Assert.Equal(first.ToStream(), second.ToStream());
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Secret_values_appear_only_in_the_private_env_file(string name)
    {
        var tree = new ComposeRenderer().Render(Scenario.Named(name).Topology(), TestSecrets.Distinct);
        var secrets = TestSecrets.Distinct.All.Select(s => s.Value).ToArray();
        foreach (var file in tree.Files.Where(f => f.Path != ".env"))
        {
            Assert.False(file.Private, $"{file.Path} is marked private but should hold no secret");
            foreach (var secret in secrets)
                Assert.DoesNotContain(secret, file.Content, StringComparison.Ordinal);
        }

        var env = tree[".env"];
        Assert.True(env.Private);
        Assert.Contains($"COUCHDB_PASSWORD={TestSecrets.Distinct.CouchDbPassword}\n", env.Content, StringComparison.Ordinal);
    }
}
