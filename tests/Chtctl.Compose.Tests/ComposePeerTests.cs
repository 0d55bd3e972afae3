using Chtctl.Compose.Layout;
using Chtctl.Compose.Rendering;
using Chtctl.Compose.Tests.Support;
using Chtctl.Testing;
using YamlDotNet.RepresentationModel;

namespace Chtctl.Compose.Tests;

/// <summary>
/// The rendered project against docker-compose v1.29 (the Compose available here; v2 reads the same
/// compose-spec keys). `config` validates the file against Compose's schema and shows what Compose would
/// run after interpolating .env, without needing a Docker engine.
/// </summary>
public sealed class ComposePeerTests
{
    public static TheoryData<string> Scenarios => Scenario.All();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Docker_compose_accepts_the_project_with_one_service_per_component(string name)
    {
        var (rendered, resolved) = Resolve(name);

        var services = Map(resolved, "services");
        Assert.Equal(rendered.Topology.Components.Select(c => c.Name).Order(StringComparer.Ordinal),
            services.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        var network = ComposeFile.NetworkKey(rendered.Topology);
        Assert.Equal(network, Scalar(Map(Map(resolved, "networks"), network), "name"));
        foreach (var (service, definition) in services.Children)
            Assert.True(((YamlMappingNode)((YamlMappingNode)definition)["networks"]).Children.ContainsKey(network), $"{service} is not on {network}");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Only_nginx_publishes_host_ports_and_they_are_the_specs(string name)
    {
        var (rendered, resolved) = Resolve(name);

        var services = Map(resolved, "services");
        var publishing = services.Children.Where(s => ((YamlMappingNode)s.Value).Children.ContainsKey("ports")).Select(s => s.Key.ToString());
        Assert.Equal(["nginx"], publishing);
        var ports = ((YamlSequenceNode)Map(services, "nginx")["ports"]).Cast<YamlMappingNode>()
            .Select(p => (Published: Scalar(p, "published"), Target: Scalar(p, "target")));
        var spec = rendered.Topology.Spec.Compose.Ports;
        Assert.Equal([($"{spec.Http}", "80"), ($"{spec.Https}", "443")], ports);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Secrets_reach_the_containers_from_env_and_shell_variables_stay_for_the_container(string name)
    {
        var (_, resolved) = Resolve(name);
        var services = Map(resolved, "services");

        var api = Map(Map(services, "api"), "environment");
        Assert.Equal($"http://medic:{TestSecrets.Distinct.CouchDbPassword}@haproxy:5984/medic", Scalar(api, "COUCH_URL"));
        var couchdb = Map(services, services.Children.Keys.Select(k => k.ToString()).First(k => k.StartsWith("couchdb", StringComparison.Ordinal)));
        Assert.Equal(TestSecrets.Distinct.CouchDbSecret, Scalar(Map(couchdb, "environment"), "COUCHDB_SECRET"));
        // `config` prints a literal `$` as `$$`: the container's shell expands these, Compose must not.
        var test = string.Join(' ', ((YamlSequenceNode)Map(couchdb, "healthcheck")["test"]).Select(n => n.ToString()));
        Assert.Contains("$$COUCHDB_USER:$$COUCHDB_PASSWORD", test, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSecrets.Distinct.CouchDbPassword, test, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Bind_mounts_come_from_the_instance_home_and_data_directory_by_absolute_path(string name)
    {
        var (rendered, resolved) = Resolve(name);
        var layout = InstanceHomeLayout.For(rendered.Topology.Spec);
        var named = Map(resolved, "volumes").Children.Keys.Select(k => k.ToString()).ToHashSet();

        foreach (var (service, definition) in Map(resolved, "services").Children)
        {
            if (!((YamlMappingNode)definition).Children.TryGetValue("volumes", out var volumes))
                continue;
            foreach (var source in ((YamlSequenceNode)volumes).Select(v => v.ToString().Split(':')[0]))
            {
                Assert.True(named.Contains(source) || source == "/var/run/docker.sock"
                    || source.StartsWith(layout.Home + "/", StringComparison.Ordinal) || source == layout.Home
                    || source == layout.DataDir || source.StartsWith(layout.DataDir + "/", StringComparison.Ordinal),
                    $"{service} mounts {source}, outside {layout.Home} and {layout.DataDir}");
            }
        }
    }

    [Fact]
    public void Without_the_password_in_env_compose_refuses_to_start_anything_and_says_why()
    {
        var rendered = RenderedScenario.Of("single-node-4x");
        using var temp = new TempDirectory();
        var project = temp.Write(rendered.Tree, "project");
        var env = Path.Combine(project, ".env");
        File.WriteAllLines(env, File.ReadAllLines(env).Where(l => !l.StartsWith("COUCHDB_PASSWORD=", StringComparison.Ordinal)));

        var result = Config(project);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("COUCHDB_PASSWORD is missing from .env", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_with_dollar_signs_and_spaces_reaches_the_containers_unchanged()
    {
        const string password = "pa$word with $$ and #";
        var topology = Scenario.Named("single-node-4x").Topology();
        var tree = new ComposeRenderer().Render(topology, TestSecrets.Distinct with { CouchDbPassword = password });
        using var temp = new TempDirectory();

        var result = Config(temp.Write(tree, "project"));

        Assert.True(result.ExitCode == 0, result.Output);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(result.Output));
        var services = Map((YamlMappingNode)yaml.Documents[0].RootNode, "services");
        // `config` prints each literal `$` doubled.
        var printed = password.Replace("$", "$$", StringComparison.Ordinal);
        Assert.Equal(printed, Scalar(Map(Map(services, "couchdb"), "environment"), "COUCHDB_PASSWORD"));
        Assert.Equal($"http://medic:{printed}@haproxy:5984/medic", Scalar(Map(Map(services, "api"), "environment"), "COUCH_URL"));
    }

    [Fact]
    public void A_dollar_sign_in_a_host_path_is_kept_literally_rather_than_interpolated()
    {
        var topology = Scenario.Named("single-node-4x").Topology();
        var spec = topology.Spec with { Compose = topology.Spec.Compose with { Home = "/srv/$HOME/cht" } };
        var tree = new ComposeRenderer().Render(topology with { Spec = spec }, TestSecrets.Distinct);
        using var temp = new TempDirectory();

        var result = Config(temp.Write(tree, "project"));

        Assert.True(result.ExitCode == 0, result.Output);
        // An interpolated $HOME would show the runner's home directory instead.
        Assert.Contains("- /srv/$HOME/cht/data:/opt/couchdb/data", result.Output, StringComparison.Ordinal);
    }

    private static (RenderedScenario Rendered, YamlMappingNode Resolved) Resolve(string name)
    {
        var rendered = RenderedScenario.Of(name);
        using var temp = new TempDirectory();
        var result = Config(temp.Write(rendered.Tree, "project"));
        Assert.True(result.ExitCode == 0, result.Output);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(result.Output));
        return (rendered, (YamlMappingNode)yaml.Documents[0].RootNode);
    }

    private static PeerTools.Result Config(string project) =>
        PeerTools.Run("docker-compose", ["-f", "docker-compose.yml", "--env-file", ".env", "config"], workingDirectory: project);

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
