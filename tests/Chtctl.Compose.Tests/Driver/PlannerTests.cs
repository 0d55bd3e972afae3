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
        using var temp = new TempDirectory();
        var tree = Render("three-nodes");

        var plan = ComposePlanner.Plan(tree, new ProjectDirectory(temp.Combine("project")), [], []);

        Assert.Equal(plan.Services.Count, plan.ToAdd);
        Assert.Equal(0, plan.ToChange + plan.ToRemove);
        Assert.Equal(tree.Files.Count, plan.Files.Count);
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void The_same_render_over_running_containers_is_no_change()
    {
        using var temp = new TempDirectory();
        var tree = Render("single-node-4x");
        var project = new ProjectDirectory(temp.Combine("project"));
        project.Write(tree);

        var plan = ComposePlanner.Plan(tree, project, Running(tree), []);

        Assert.False(plan.HasChanges, plan.Summary);
    }

    [Fact]
    public void A_changed_setting_is_named_field_by_field_on_its_service_only()
    {
        using var temp = new TempDirectory();
        var before = Render("single-node-4x");
        var project = new ProjectDirectory(temp.Combine("project"));
        project.Write(before);
        var after = new RenderedTreeEdit(before).Replace("docker-compose.yml", "COUCHDB_LOG_LEVEL: info", "COUCHDB_LOG_LEVEL: debug");

        var plan = ComposePlanner.Plan(after, project, Running(before), []);

        var change = Assert.Single(plan.Services);
        Assert.Equal(ServiceAction.Change, change.Action);
        Assert.Equal(["definition environment.COUCHDB_LOG_LEVEL: info → debug"], change.Details);
        Assert.Equal([("docker-compose.yml", FileChange.Change)], plan.Files);
        Assert.Equal("0 to add, 1 to change, 0 to remove (1 project file to write)", plan.Summary);
    }

    [Fact]
    public void A_stopped_container_is_to_start_and_a_container_of_a_dropped_service_is_to_remove()
    {
        using var temp = new TempDirectory();
        var tree = Render("single-node-4x");
        var project = new ProjectDirectory(temp.Combine("project"));
        project.Write(tree);
        var containers = Running(tree).Select(c => c.Service == "sentinel" ? c with { State = "exited", ExitCode = 137 } : c)
            .Append(Container("nouveau", "old/nouveau:1", "running")).ToArray();

        var plan = ComposePlanner.Plan(tree, project, containers, []);

        Assert.Equal([("sentinel", ServiceAction.Start), ("nouveau", ServiceAction.Remove)], plan.Services.Select(s => (s.Service, s.Action)));
    }

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
