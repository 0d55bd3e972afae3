using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Chtctl.EndToEnd.Tests.Support;
using Chtctl.Testing;
using Chtctl.Testing.Engine;

namespace Chtctl.EndToEnd.Tests;

/// <summary>
/// <c>up</c> from nothing, then what an operator reads from a healthy instance (status, plan, list, history) and
/// what must leave it as it was (up again, an up that fails its preflight, CouchDB killed and restarted by Docker).
/// </summary>
[Collection(HealthyInstanceCollection.Name)]
public sealed class LifecycleTests(HealthyInstanceFixture fixture)
{
    private EngineInstance Instance => fixture.Instance;

    [Fact]
    public async Task UpFromNothingEndsHealthyOverHttpsWithTheInstanceCertificate()
    {
        Assert.True(fixture.FirstUp.ExitCode == 0, fixture.FirstUp.ToString());

        using var edge = Instance.Edge();
        var (status, body) = await edge.GetAsync("api/info");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("4.22.0", body.GetProperty("version").GetString());
        var expected = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Instance.CertificateFile));
        Assert.NotNull(edge.PresentedCertificate);
        Assert.Equal(expected.Thumbprint, edge.PresentedCertificate.Thumbprint);
    }

    [Fact]
    public void UpFromNothingKeepsTheSecretsFilesPrivate()
    {
        Assert.True(fixture.FirstUp.ExitCode == 0, fixture.FirstUp.ToString());
        const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(Instance.Home, "secrets.env")));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(Instance.Home, "project", ".env")));
    }

    [Fact]
    public void UpFromNothingRecordsOneSucceededHistoryRecord()
    {
        var history = fixture.HistoryAfterFirstUp;
        Assert.True(history.ExitCode == 0, history.ToString());
        var records = history.Stdout.Split('\n').Where(l => l.Length > 0 && char.IsDigit(l[0])).ToList();
        var record = Assert.Single(records);
        Assert.Contains(" up ", record, StringComparison.Ordinal);
        Assert.Contains("succeeded", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpAgainReportsNoChangesAndKeepsEveryContainer()
    {
        var before = Instance.Containers();

        var again = await Instance.VerbAsync("up");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("No changes", again.Output, StringComparison.Ordinal);
        var after = Instance.Containers();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (service, container) in before)
            Assert.Equal(container.Id, after[service].Id);
    }

    [Fact]
    public async Task PlanShowsExactlyTheEditedSettingAndExitsTwo()
    {
        var edited = Instance.WriteFile("debug.yaml", tail: "tls: { host: localhost }\ncouchdb: { logLevel: debug }\n");

        var plan = await Instance.RunAsync("plan", edited, "--detailed-exitcode");

        Assert.True(plan.ExitCode == 2, plan.ToString());
        var lines = plan.Stdout.Split('\n');
        var services = lines.Where(l => l.Contains(" service ", StringComparison.Ordinal) && !l.StartsWith(' ')).ToList();
        Assert.Equal(["~ service couchdb (change)"], services);
        var details = lines.SkipWhile(l => l != services[0]).Skip(1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l.Trim());
        Assert.Equal(["definition environment.COUCHDB_LOG_LEVEL: info → debug"], details);
    }

    [Fact]
    public async Task PlanOnTheUnchangedFileExitsZero()
    {
        var plan = await Instance.VerbAsync("plan", "--detailed-exitcode");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("No changes", plan.Stdout, StringComparison.Ordinal);

        var json = await Instance.VerbAsync("plan", "--output", "json");
        ShippedOutputSchemas.AssertValid("plan", json.Stdout);
        Assert.Equal(0, JsonDocument.Parse(json.Stdout).RootElement.GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task HistoryAndListAsJsonMatchTheirSchemas()
    {
        var history = await Instance.VerbAsync("history", "--output", "json");
        var list = await Instance.RunAsync("list", "--target", "compose", "--output", "json");

        Assert.True(history.ExitCode == 0, history.ToString());
        ShippedOutputSchemas.AssertValid("history", history.Stdout);
        Assert.Equal("up", JsonDocument.Parse(history.Stdout).RootElement[0].GetProperty("verb").GetString());
        ShippedOutputSchemas.AssertValid("list", list.Stdout);
        Assert.Contains(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray(), i => i.GetProperty("name").GetString() == Instance.Name && i.GetProperty("target").GetString() == "compose");
    }

    [Fact]
    public async Task StatusAsJsonReportsEveryComponentHealthy()
    {
        var status = await Instance.VerbAsync("status", "--output", "json");

        Assert.True(status.ExitCode == 0, status.ToString());
        ShippedOutputSchemas.AssertValid("status", status.Stdout);
        using var json = JsonDocument.Parse(status.Stdout);
        Assert.True(json.RootElement.GetProperty("healthy").GetBoolean());
        var components = json.RootElement.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(
            ["api", "couchdb", "haproxy", "healthcheck", "nginx", "sentinel", "upgrade-service"],
            components.Select(c => c.GetProperty("name").GetString()).Order());
        Assert.All(components, c => Assert.Equal("healthy", c.GetProperty("health").GetString()));
        Assert.All(json.RootElement.GetProperty("chain").EnumerateArray(), check => Assert.True(check.GetProperty("ok").GetBoolean(), check.ToString()));
    }

    [Fact]
    public async Task ListShowsTheInstanceHealthy()
    {
        var list = await Instance.RunAsync("list", "--target", "compose");

        Assert.True(list.ExitCode == 0, list.ToString());
        var row = Assert.Single(list.Stdout.Split('\n'), l => l.StartsWith(Instance.Name + " ", StringComparison.Ordinal));
        Assert.Contains("4.22.0", row, StringComparison.Ordinal);
        Assert.Contains("healthy", row, StringComparison.Ordinal);
        Assert.Contains(Instance.Home, row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpWithAnImageThatCannotBeFoundFailsPreflightAndLeavesTheInstanceRunning()
    {
        var before = Instance.Containers();
        var missing = Instance.WriteFile("missing-image.yaml", chtVersion: "4.99.0");

        var up = await Instance.RunAsync("up", missing);

        Assert.True(up.ExitCode == 4, up.ToString());
        Assert.Matches($@"{TestEngine.Registry}/cht-[a-z]+:4\.99\.0", up.Output);
        var after = Instance.Containers();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (service, container) in before)
        {
            Assert.Equal(container.Id, after[service].Id);
            Assert.Equal("running", after[service].Status);
        }
    }

    [Fact]
    public async Task CouchDbKilledIsReportedThenRestartedByDockerWithoutTouchingTheOthers()
    {
        Assert.True(fixture.FirstUp.ExitCode == 0, fixture.FirstUp.ToString());
        await WaitForStatusAsync(0);
        var before = Instance.Containers();
        var pid = Docker.Check("inspect", "-f", "{{.State.Pid}}", before["couchdb"].Id).Trim();

        using (var kill = Process.Start("kill", ["-KILL", pid]))
            await kill.WaitForExitAsync();

        // Docker restarts it (restart policy) and it is unhealthy until its healthcheck passes again: status says so.
        var caught = await WaitForStatusAsync(5);
        Assert.Contains("couchdb", caught.Output, StringComparison.Ordinal);
        var recovered = await WaitForStatusAsync(0);
        using var json = JsonDocument.Parse((await Instance.VerbAsync("status", "--output", "json")).Stdout);
        var couchdb = json.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "couchdb");
        Assert.True(couchdb.GetProperty("restarts").GetInt32() > before["couchdb"].RestartCount, recovered.ToString());

        var after = Instance.Containers();
        Assert.Equal(before["couchdb"].Id, after["couchdb"].Id);
        Assert.True(after["couchdb"].RestartCount > before["couchdb"].RestartCount);
        foreach (var (service, container) in before.Where(c => c.Key != "couchdb"))
        {
            Assert.Equal(container.Id, after[service].Id);
            Assert.Equal(container.StartedAt, after[service].StartedAt);
            Assert.Equal(container.RestartCount, after[service].RestartCount);
        }
    }

    [Fact]
    public async Task DestroyWithDeleteDataWithoutYesAndWithoutATerminalIsRefusedAndDeletesNothing()
    {
        await Instance.UpAsync();
        var id = await Documents.WriteAsync(Instance);
        var before = Instance.Containers();

        var destroy = await Instance.VerbAsync("destroy", "--delete-data");

        Assert.True(destroy.ExitCode == 64, destroy.ToString());
        Assert.Contains("--yes", destroy.Output, StringComparison.Ordinal);
        Assert.Equal(before.Values.Select(c => c.Id).Order(), Instance.Containers().Values.Select(c => c.Id).Order());
        Assert.True(File.Exists(Path.Combine(Instance.Home, "secrets.env")));
        await Documents.AssertAsync(Instance, id, HttpStatusCode.OK);
    }

    /// <summary>Runs <c>status</c> until it exits with <paramref name="exitCode"/> (three minutes at most).</summary>
    private async Task<ChtctlResult> WaitForStatusAsync(int exitCode)
    {
        var deadline = Stopwatch.StartNew();
        ChtctlResult status;
        do
        {
            status = await Instance.VerbAsync("status");
            if (status.ExitCode == exitCode)
                return status;
            await Task.Delay(250);
        }
        while (deadline.Elapsed < TimeSpan.FromMinutes(3));
        Assert.Fail($"status never exited {exitCode.ToString(CultureInfo.InvariantCulture)}; last run:\n{status}");
        return status;
    }
}
