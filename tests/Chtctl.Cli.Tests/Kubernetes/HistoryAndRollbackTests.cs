using Chtctl.Testing;
namespace Chtctl.Cli.Tests.Kubernetes;

public sealed class HistoryAndRollbackTests : ClusterFixture
{
    [Fact]
    public void Rollback_reapplies_the_previous_revision_and_warns_that_data_is_not_rolled_back()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Edit("clinic.example.org", "clinic-b.example.org");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));

        var result = Run("rollback", "clinic.yaml");

        AssertExit(ExitCodes.Success, result);
        Assert.Contains("data in CouchDB is not rolled back", result.Error, StringComparison.Ordinal);
        Assert.Contains("rolled back to history entry 1", result.Error, StringComparison.Ordinal);
        var ingress = Get("Ingress", "api-ingress")!.ToJsonString();
        Assert.Contains("clinic.example.org", ingress, StringComparison.Ordinal);
        Assert.DoesNotContain("clinic-b.example.org", ingress, StringComparison.Ordinal);

        var history = Run("history", "clinic.yaml", "--output", "json");
        var revisions = System.Text.Json.Nodes.JsonNode.Parse(history.Out)!.AsArray();
        Assert.Equal([1, 2, 3], revisions.Select(r => r!["number"]!.GetValue<int>()));
        Assert.All(revisions, r => Assert.Equal("succeeded", r!["result"]!.GetValue<string>()));
    }

    [Fact]
    public void After_a_failed_upgrade_rollback_returns_to_the_last_good_revision()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Server.Deployments.Set("cht-api", Chtctl.Testing.KubeApi.RolloutBehaviour.Fails);
        Edit("version: 4.22.0", "version: 4.23.0");
        AssertExit(ExitCodes.Unhealthy, Run("up", "clinic.yaml"));
        Server.Deployments.Set("cht-api", Chtctl.Testing.KubeApi.RolloutBehaviour.BecomesAvailable);

        var result = Run("rollback", "clinic.yaml");

        AssertExit(ExitCodes.Success, result);
        Assert.Contains("rolled back to history entry 1 (CHT 4.22.0)", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("cht-api:4.22.0", Get("Deployment", "cht-api")!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>(), StringComparison.Ordinal);
        AssertExit(ExitCodes.Success, Run("status", "clinic.yaml"));
    }

    [Fact]
    public void Rollback_to_a_named_revision_and_to_a_missing_one()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Edit("clinic.example.org", "clinic-b.example.org");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Edit("clinic-b.example.org", "clinic-c.example.org");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));

        AssertExit(ExitCodes.Success, Run("rollback", "clinic.yaml", "--to", "2"));
        Assert.Contains("clinic-b.example.org", Get("Ingress", "api-ingress")!.ToJsonString(), StringComparison.Ordinal);

        var missing = Run("rollback", "clinic.yaml", "--to", "9");
        AssertExit(ExitCodes.Failure, missing);
        Assert.Contains("no history entry 9 to roll back to: the recorded changes are 1, 2, 3, 4", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Going_to_an_older_CHT_version_is_refused_unless_allowed()
    {
        Edit("version: 4.22.0", "version: 4.21.0");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Edit("version: 4.21.0", "version: 4.22.0");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Edit("version: 4.22.0", "version: 4.21.0");
        var before = Versions();

        var refused = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.PreflightFailed, refused);
        Assert.Contains("runs CHT 4.22.0 (history entry 2); going to 4.21.0 is a downgrade", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, Versions());

        // Rolling back across versions is a downgrade too.
        AssertExit(ExitCodes.PreflightFailed, Run("rollback", "clinic.yaml"));

        var allowed = Run("up", "clinic.yaml", "--allow-downgrade");
        AssertExit(ExitCodes.Success, allowed);
        Assert.Contains("downgrading CHT 4.22.0 to 4.21.0", allowed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revision_records_the_time_from_the_clock_and_chtctls_version()
    {
        var context = new CliContext
        {
            Out = new StringWriter(),
            Error = new StringWriter(),
            WorkingDirectory = Cli.WorkingDirectory,
            Environment = name => Cli.Environment.GetValueOrDefault(name),
            Clock = new FixedClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
        };
        Assert.Equal(ExitCodes.Success, Chtctl.Cli.Cli.Run(["up", "clinic.yaml"], context));

        var revision = System.Text.Json.Nodes.JsonNode.Parse(Run("history", "clinic.yaml", "--output", "json").Out)!.AsArray().Single()!;

        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), revision["time"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Chtctl.Core.Spec.ChtctlInfo.Version, revision["chtctlVersion"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{16}$", revision["specHash"]!.GetValue<string>());
    }

    [Fact]
    public void History_keeps_the_last_ten_revisions()
    {
        for (var i = 0; i < 12; i++)
        {
            Edit(i == 0 ? "clinic.example.org" : $"clinic-{i - 1}.example.org", $"clinic-{i}.example.org");
            AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        }

        var history = System.Text.Json.Nodes.JsonNode.Parse(Run("history", "clinic.yaml", "--output", "json").Out)!.AsArray();

        Assert.Equal(Enumerable.Range(3, 10), history.Select(r => r!["number"]!.GetValue<int>()));
    }
}
