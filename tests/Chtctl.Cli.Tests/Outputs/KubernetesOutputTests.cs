using Chtctl.Cli.Tests.Kubernetes;
using Chtctl.Testing;

namespace Chtctl.Cli.Tests.Outputs;

/// <summary>
/// Every verb's whole output on Kubernetes, human and JSON, as an operator sees it: each JSON output matches
/// its verb's schema, and each output is kept as a snapshot (tests/Chtctl.Cli.Tests/Outputs/kubernetes).
/// </summary>
public sealed class KubernetesOutputTests : ClusterFixture
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Each_verbs_output_is_its_snapshot_and_matches_its_schema()
    {
        Step("up", "up.json", "up", "clinic.yaml", "--output", "json");
        Step("plan", "plan-unchanged.txt", "plan", "clinic.yaml");
        Edit("clinic.example.org", "clinic-b.example.org");
        Step("plan", "plan-changed.json", "plan", "clinic.yaml", "--output", "json");
        Step("plan", "plan-changed.txt", "plan", "clinic.yaml");
        Step("status", "status.json", "status", "clinic.yaml", "--output", "json");
        Step("status", "status.txt", "status", "clinic.yaml");
        Step("upgrade", "upgrade-dry-run.json", "upgrade", "clinic.yaml", "--to", "4.23.0", "--dry-run", "--output", "json");
        Step("upgrade", "upgrade.json", "upgrade", "clinic.yaml", "--to", "4.23.0", "--output", "json");
        Step("upgrade", "upgrade-refused.txt", "upgrade", "clinic.yaml", "--to", "4.22.0");
        Step("history", "history.json", "history", "clinic.yaml", "--output", "json");
        Step("history", "history.txt", "history", "clinic.yaml");
        Step("rollback", "rollback.json", "rollback", "clinic.yaml", "--allow-downgrade", "--output", "json");
        Step("list", "list.json", "list", "--target", "kubernetes", "--output", "json");
        Step("destroy", "destroy.json", "destroy", "clinic.yaml", "--output", "json");
    }

    /// <summary>Runs one verb at a fixed time; a JSON result must match the verb's schema; the output (and for text, the messages on standard error) is the snapshot.</summary>
    private void Step(string verb, string snapshot, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext
        {
            Out = stdout,
            Error = stderr,
            WorkingDirectory = Cli.WorkingDirectory,
            Environment = name => Cli.Environment.GetValueOrDefault(name),
            Clock = new FixedClock(Now),
        };
        var code = Chtctl.Cli.Cli.Run(args, context);
        var output = Normalize(stdout.ToString());
        if (snapshot.EndsWith(".json", StringComparison.Ordinal))
            ShippedOutputSchemas.AssertValid(verb, output);
        else
            output += "--- standard error ---\n" + Normalize(stderr.ToString());
        OutputSnapshot.AssertMatches("kubernetes", snapshot, $"exit {code}\n{output}");
    }

    /// <summary>The test API server's address and the temporary working directory change every run.</summary>
    private string Normalize(string text) =>
        text.Replace(Server.Url.TrimEnd('/'), "<api-server>", StringComparison.Ordinal)
            .Replace(Cli.WorkingDirectory, "<work>", StringComparison.Ordinal);
}
