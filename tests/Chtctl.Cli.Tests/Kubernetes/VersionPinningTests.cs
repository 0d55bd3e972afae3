namespace Chtctl.Cli.Tests.Kubernetes;

/// <summary>A release line or <c>latest</c> is pinned to the release the instance last ran successfully.</summary>
public sealed class VersionPinningTests : ClusterFixture
{
    [Fact]
    public void A_release_line_keeps_the_instance_on_the_release_it_runs()
    {
        Edit("version: 4.22.0", "version: 4.21.0");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));

        Edit("version: 4.21.0", "version: 4.x");
        var again = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.Success, again);
        Assert.Contains("No changes", again.Error, StringComparison.Ordinal);
        Assert.EndsWith(":4.21.0", Image("cht-api"), StringComparison.Ordinal);
        var plan = Run("plan", "clinic.yaml", "--detailed-exitcode");
        AssertExit(ExitCodes.Success, plan);
    }

    [Fact]
    public void An_exact_version_in_the_file_moves_the_instance()
    {
        Edit("version: 4.22.0", "version: 4.21.0");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));

        Edit("version: 4.21.0", "version: 4.22.0");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));

        Assert.EndsWith(":4.22.0", Image("cht-api"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_install_of_a_line_takes_its_newest_known_release()
    {
        Edit("version: 4.22.0", "version: 4.x");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Assert.EndsWith(":4.22.0", Image("cht-api"), StringComparison.Ordinal);
    }

    private string Image(string deployment) =>
        Get("Deployment", deployment)!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
}
