namespace Chtctl.Cli.Tests.Kubernetes;

public sealed class PlanVerbTests : ClusterFixture
{
    [Fact]
    public void Plan_on_an_empty_cluster_lists_everything_to_add_and_changes_nothing()
    {
        var result = Run("plan", "clinic.yaml", "--detailed-exitcode");

        AssertExit(ExitCodes.ChangesPresent, result);
        Assert.Contains("+ Deployment/cht-api", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"Plan: \d+ to add, 0 to change, 0 to remove\.", result.Out);
        Assert.Empty(Server.Writes);
    }

    [Fact]
    public void Plan_after_up_has_no_changes_and_exit_0_with_detailed_exitcode()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        var writes = Server.Writes.Count();

        var result = Run("plan", "clinic.yaml", "--detailed-exitcode");

        AssertExit(ExitCodes.Success, result);
        Assert.Contains("No changes", result.Out, StringComparison.Ordinal);
        Assert.Equal(writes, Server.Writes.Count());
        Assert.Contains(Server.Requests, r => r.Contains("dryRun=All", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_shows_the_changed_fields_and_the_objects_that_would_be_removed()
    {
        Edit("tls: {", "couchdb: { nodes: 3 }\ntls: {");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Edit("couchdb: { nodes: 3 }\n", "");
        Edit("clinic.example.org", "clinic-b.example.org");
        var before = Versions();

        var result = Run("plan", "clinic.yaml", "--detailed-exitcode");

        AssertExit(ExitCodes.ChangesPresent, result);
        Assert.Contains("~ Ingress/api-ingress", result.Out, StringComparison.Ordinal);
        Assert.Contains(".spec.rules", result.Out, StringComparison.Ordinal);
        Assert.Contains("- Deployment/cht-couchdb-3", result.Out, StringComparison.Ordinal);
        Assert.Contains("- PersistentVolumeClaim/couchdb-3-claim0", result.Out, StringComparison.Ordinal);
        Assert.Contains("kept: holds data", result.Out, StringComparison.Ordinal);
        Assert.Equal(before, Versions());
    }

    [Fact]
    public void Plan_without_detailed_exitcode_exits_0_with_changes_and_json_is_on_stdout()
    {
        var result = Run("plan", "clinic.yaml", "--output", "json");

        AssertExit(ExitCodes.Success, result);
        var json = System.Text.Json.Nodes.JsonNode.Parse(result.Out)!;
        Assert.True(json["add"]!.GetValue<int>() > 10);
        Assert.Equal(0, json["remove"]!.GetValue<int>());
    }

    [Fact]
    public void Secret_values_never_appear_in_a_plan()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        var password = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Get("Secret", "cht-couchdb-credentials")!["data"]!["COUCHDB_PASSWORD"]!.GetValue<string>()));
        Edit("tls: {", "couchdb: { user: admin2 }\ntls: {");

        var result = Run("plan", "clinic.yaml", "--output", "json");

        AssertExit(ExitCodes.Success, result);
        Assert.Contains("Secret/cht-couchdb-credentials", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(password, result.Out + result.Error, StringComparison.Ordinal);
    }
}
