using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.Planning;
using Chtctl.Compose.Driver.State;
using Chtctl.Compose.Rendering;
using Chtctl.Compose.Tests.Support;
using Chtctl.Testing;

namespace Chtctl.Compose.Tests.Driver;

public sealed class PlannerTests
{
    [Fact]
    public void Nothing_deployed_means_every_service_and_file_is_to_add()
    {
        var tree = Render("three-nodes");

        var plan = ComposePlanner.Plan(tree, ProjectSnapshot.Empty, []);

        Assert.Equal(plan.Services.Count, plan.ToAdd);
        Assert.Equal(0, plan.ToChange + plan.ToRemove);
        Assert.Equal(tree.Files.Count, plan.Files.Count);
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void The_same_render_over_running_containers_is_no_change()
    {
        var tree = Render("single-node-4x");

        var plan = ComposePlanner.Plan(tree, Deployed(tree, Running(tree)), []);

        Assert.False(plan.HasChanges, plan.Summary);
    }

    [Fact]
    public void A_changed_setting_is_named_field_by_field_on_its_service_only()
    {
        var before = Render("single-node-4x");
        var after = new RenderedTreeEdit(before).Replace("docker-compose.yml", "COUCHDB_LOG_LEVEL: info", "COUCHDB_LOG_LEVEL: debug");

        var plan = ComposePlanner.Plan(after, Deployed(before, Running(before)), []);

        var change = Assert.Single(plan.Services);
        Assert.Equal(ServiceAction.Change, change.Action);
        Assert.Equal(["definition environment.COUCHDB_LOG_LEVEL: info → debug"], change.Details);
        Assert.Equal([("docker-compose.yml", FileChange.Change)], plan.Files);
        Assert.Equal("0 to add, 1 to change, 0 to remove (1 project file to write)", plan.Summary);
    }

    [Fact]
    public void A_stopped_container_is_to_start_and_a_container_of_a_dropped_service_is_to_remove()
    {
        var tree = Render("single-node-4x");
        var containers = Running(tree).Select(c => c.Service == "sentinel" ? c with { State = "exited", ExitCode = 137 } : c)
            .Append(Container("nouveau", "old/nouveau:1", "running")).ToArray();

        var plan = ComposePlanner.Plan(tree, Deployed(tree, containers), []);

        Assert.Equal([("sentinel", ServiceAction.Start), ("nouveau", ServiceAction.Remove)], plan.Services.Select(s => (s.Service, s.Action)));
    }

    [Fact]
    public void A_changed_env_file_recreates_the_services_that_read_it_without_showing_values()
    {
        var before = Render("single-node-4x");
        var env = before[".env"].Content;
        var password = env.Split('\n').First(l => l.StartsWith("COUCHDB_PASSWORD=", StringComparison.Ordinal));
        var after = new RenderedTreeEdit(before).Replace(".env", password, "COUCHDB_PASSWORD=rotated");

        var plan = ComposePlanner.Plan(after, Deployed(before, Running(before)), []);

        Assert.Equal([(".env", FileChange.Change)], plan.Files);
        Assert.NotEmpty(plan.Services);
        Assert.All(plan.Services, s => Assert.Equal([".env changed (values not shown)"], s.Details));
        Assert.DoesNotContain(plan.Services.SelectMany(s => s.Details), d => d.Contains("rotated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_the_render_dropped_is_to_remove_and_a_certificate_change_alone_is_a_change()
    {
        var tree = Render("single-node-4x");
        var files = tree.Files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        files["nginx/old.conf"] = "server {}\n";

        var plan = ComposePlanner.Plan(tree, new ProjectSnapshot(files, Running(tree)), ["self-signed certificate for localhost will be renewed: expires in 3 days"]);

        Assert.Equal([("nginx/old.conf", FileChange.Remove)], plan.Files);
        Assert.Empty(plan.Services);
        Assert.True(plan.HasChanges);
        Assert.Equal(["self-signed certificate for localhost will be renewed: expires in 3 days"], plan.Certificates);
    }

    /// <summary>The project as if <paramref name="tree"/> had been written and these containers ran.</summary>
    private static ProjectSnapshot Deployed(Core.Rendering.RenderedTree tree, IReadOnlyList<ContainerInfo> containers) =>
        new(tree.Files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal), containers);

    private static Core.Rendering.RenderedTree Render(string scenario) =>
        new ComposeRenderer().Render(Scenario.Named(scenario).Topology(), TestSecrets.Distinct);

    /// <summary>A running, healthy container per rendered service, with the image the render names.</summary>
    private static ContainerInfo[] Running(Core.Rendering.RenderedTree tree)
    {
        var services = YamlTreeDiff.Child(YamlTreeDiff.Load(tree["docker-compose.yml"].Content), "services")!;
        return [.. YamlTreeDiff.Keys(services).Select(s =>
            Container(s, YamlTreeDiff.Child(services, s)!.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("image")].ToString(), "running"))];
    }

    private static ContainerInfo Container(string service, string image, string state) => new(
        service + "-id", "x_" + service + "_1", service, state, "healthy", image, "sha256:" + service, DateTimeOffset.UnixEpoch, 0, null,
        new Dictionary<string, string>(), new Dictionary<string, string>(), []);
}

/// <summary>A copy of a rendered tree with one file's text edited, as if the instance file had changed.</summary>
internal sealed class RenderedTreeEdit(Core.Rendering.RenderedTree source)
{
    public Core.Rendering.RenderedTree Replace(string path, string from, string to)
    {
        var tree = new Core.Rendering.RenderedTree();
        foreach (var file in source.Files)
            tree.Add(file.Path == path ? file with { Content = file.Content.Replace(from, to, StringComparison.Ordinal) } : file);
        return tree;
    }
}
