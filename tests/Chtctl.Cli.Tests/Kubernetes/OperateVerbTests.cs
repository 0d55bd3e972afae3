using System.Text.Json.Nodes;
using Chtctl.Testing.KubeApi;
using Spectre.Console.Testing;

namespace Chtctl.Cli.Tests.Kubernetes;

public sealed class OperateVerbTests : ClusterFixture
{
    [Fact]
    public void Status_reports_each_component_and_exit_5_when_one_is_unhealthy()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));

        var healthy = Run("status", "clinic.yaml", "--output", "json");
        AssertExit(ExitCodes.Success, healthy);
        var json = JsonNode.Parse(healthy.Out)!;
        var api = json["components"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "cht-api")!;
        Assert.Equal(1, api["ready"]!.GetValue<int>());
        Assert.Equal("4.22.0", api["version"]!.GetValue<string>());
        Assert.Contains("cht-api:4.22.0", api["images"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, api["restarts"]!.GetValue<int>());

        Server.Store.SetStatus(ApiResource.ForKind("Deployment"), "clinic", "cht-sentinel", new JsonObject { ["observedGeneration"] = 1L, ["replicas"] = 1L });
        var unhealthy = Run("status", "clinic.yaml");
        AssertExit(ExitCodes.Unhealthy, unhealthy);
        Assert.Contains("cht-sentinel", unhealthy.Out, StringComparison.Ordinal);
        Assert.Contains("0/1 available", unhealthy.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_counts_the_restarts_of_a_crashing_component()
    {
        Server.Deployments.Set("cht-api", RolloutBehaviour.Fails);
        AssertExit(ExitCodes.Unhealthy, Run("up", "clinic.yaml"));

        var result = Run("status", "clinic.yaml", "--output", "json");

        AssertExit(ExitCodes.Unhealthy, result);
        var api = JsonNode.Parse(result.Out)!["components"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "cht-api")!;
        Assert.Equal(4, api["restarts"]!.GetValue<int>());
        Assert.False(api["healthy"]!.GetValue<bool>());
        Assert.Contains("ProgressDeadlineExceeded", api["problem"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void List_finds_instances_across_namespaces()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Cli.Write("other.yaml", Instance.Replace("name: clinic", "name: district", StringComparison.Ordinal));
        AssertExit(ExitCodes.Success, Run("up", "other.yaml"));

        var result = Run("list", "--output", "json");

        AssertExit(ExitCodes.Success, result);
        var names = JsonNode.Parse(result.Out)!.AsArray().Select(i => i!["name"]!.GetValue<string>());
        Assert.Equal(["clinic", "district"], names);
    }

    [Fact]
    public void Destroy_keeps_the_data_and_up_brings_the_instance_back_with_the_same_credentials()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        var password = Get("Secret", "cht-couchdb-credentials")!["data"]!["COUCHDB_PASSWORD"]!.GetValue<string>();

        // Deleting data off a terminal needs --yes; nothing is touched without it.
        AssertExit(ExitCodes.Usage, Run("destroy", "clinic.yaml", "--delete-data"));
        Assert.NotEmpty(Names("Deployment"));

        var result = Run("destroy", "clinic.yaml", "--yes");

        AssertExit(ExitCodes.Success, result);
        Assert.Empty(Names("Deployment"));
        Assert.Empty(Names("Service"));
        Assert.Equal(["couchdb-claim0"], Names("PersistentVolumeClaim"));
        Assert.NotNull(Get("Secret", "cht-couchdb-credentials"));

        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Assert.Equal(password, Get("Secret", "cht-couchdb-credentials")!["data"]!["COUCHDB_PASSWORD"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("clinc", ExitCodes.Usage)]
    [InlineData("clinic", ExitCodes.Success)]
    public void At_a_terminal_deleting_data_needs_the_instance_name_typed_back(string typed, int expected)
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        var console = new TestConsole().Interactive();
        console.Input.PushTextWithEnter(typed);
        var context = new CliContext
        {
            Out = new StringWriter(),
            Error = new StringWriter(),
            WorkingDirectory = Cli.WorkingDirectory,
            ConsoleOverride = console,
            Environment = name => Cli.Environment.GetValueOrDefault(name),
        };

        var code = Chtctl.Cli.Cli.Run(["destroy", "clinic.yaml", "--delete-data"], context);

        Assert.Equal(expected, code);
        Assert.Contains("Type the instance name", console.Output, StringComparison.Ordinal);
        Assert.Equal(expected == ExitCodes.Success, Get("Namespace", "clinic", null) is null);
    }

    [Fact]
    public void Destroy_with_delete_data_removes_everything_including_the_namespace()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));

        AssertExit(ExitCodes.Success, Run("destroy", "clinic.yaml", "--delete-data", "--yes"));

        Assert.Null(Get("Namespace", "clinic", null));
        Assert.Empty(Names("PersistentVolumeClaim"));
    }

    [Fact]
    public void Destroy_with_delete_data_keeps_a_namespace_that_holds_someone_elses_objects()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Server.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "team-notes", ["namespace"] = "clinic" },
            ["data"] = new JsonObject { ["owner"] = "another team" },
        });

        var result = Run("destroy", "clinic.yaml", "--delete-data", "--yes");

        AssertExit(ExitCodes.Success, result);
        Assert.NotNull(Get("Namespace", "clinic", null));
        Assert.Equal(["team-notes"], Names("ConfigMap"));
        Assert.Empty(Names("PersistentVolumeClaim"));
        Assert.Contains("kept Namespace/clinic: it also holds objects chtctl does not own (ConfigMap/team-notes)", result.Error, StringComparison.Ordinal);
    }
}
