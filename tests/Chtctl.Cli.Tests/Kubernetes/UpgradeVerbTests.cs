using System.Text.Json.Nodes;

namespace Chtctl.Cli.Tests.Kubernetes;

/// <summary><c>chtctl upgrade</c> against the test API server: path rules, a new revision, and the automatic return on a failed rollout.</summary>
public sealed class UpgradeVerbTests : ClusterFixture
{
    [Fact]
    public void Upgrading_to_a_newer_version_moves_the_images_and_records_a_revision()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));

        var result = Run("upgrade", "clinic.yaml", "--to", "4.23.0");

        AssertExit(ExitCodes.Success, result);
        Assert.Contains("upgraded from CHT 4.22.0 to 4.23.0", result.Error, StringComparison.Ordinal);
        Assert.Contains("still names CHT 4.22.0: set 'cht.version: 4.23.0'", result.Error, StringComparison.Ordinal);
        Assert.EndsWith(":4.23.0", Image("cht-api"), StringComparison.Ordinal);
        Assert.EndsWith(":4.23.0", Image("cht-sentinel"), StringComparison.Ordinal);
        var revisions = History();
        Assert.Equal(["4.22.0", "4.23.0"], revisions.Select(r => r!["chtVersion"]!.GetValue<string>()));
        Assert.All(revisions, r => Assert.Equal("succeeded", r!["result"]!.GetValue<string>()));
    }

    [Fact]
    public void A_downgrade_is_refused_and_changes_nothing()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        var before = Versions();

        var result = Run("upgrade", "clinic.yaml", "--to", "4.21.0");

        AssertExit(ExitCodes.PreflightFailed, result);
        Assert.Contains("4.21.0 is older than the running 4.22.0", result.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-downgrade", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Versions());
    }

    [Fact]
    public void The_same_version_is_nothing_to_do_and_a_never_installed_instance_is_refused()
    {
        var never = Run("upgrade", "clinic.yaml", "--to", "4.23.0");
        AssertExit(ExitCodes.PreflightFailed, never);
        Assert.Contains("has no running version to upgrade from", never.Error, StringComparison.Ordinal);

        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        var same = Run("upgrade", "clinic.yaml", "--to", "4.22.0", "--output", "json");

        AssertExit(ExitCodes.Success, same);
        Assert.Contains("already runs CHT 4.22.0", same.Error, StringComparison.Ordinal);
        Assert.Equal("already-running", JsonNode.Parse(same.Out)!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public void A_failed_rollout_returns_to_the_previous_revision_on_its_own()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Server.Deployments.FailImage(Image("cht-api").Replace(":4.22.0", ":4.23.0", StringComparison.Ordinal));

        var result = Run("upgrade", "clinic.yaml", "--to", "4.23.0", "--output", "json");

        AssertExit(ExitCodes.Unhealthy, result);
        Assert.Contains("ProgressDeadlineExceeded", result.Error, StringComparison.Ordinal);
        Assert.Contains("restored CHT 4.22.0: healthy at https://clinic.example.org (namespace clinic) (history entry 3)", result.Error, StringComparison.Ordinal);
        Assert.Equal("rolled-back", JsonNode.Parse(result.Out)!["outcome"]!.GetValue<string>());
        Assert.EndsWith(":4.22.0", Image("cht-api"), StringComparison.Ordinal);
        var revisions = History();
        Assert.Equal(["4.22.0", "4.23.0", "4.22.0"], revisions.Select(r => r!["chtVersion"]!.GetValue<string>()));
        Assert.StartsWith("failed", revisions[1]!["result"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("succeeded", revisions[2]!["result"]!.GetValue<string>());
        AssertExit(ExitCodes.Success, Run("status", "clinic.yaml"));
    }

    private JsonArray History() => JsonNode.Parse(Run("history", "clinic.yaml", "--output", "json").Out)!.AsArray();

    private string Image(string deployment) =>
        Get("Deployment", deployment)!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
}
