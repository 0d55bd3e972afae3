using System.Net;
using System.Text.Json;
using Chtctl.Testing.Engine;

namespace Chtctl.Services.Tests.EndToEnd;

/// <summary>
/// CHT api's upgrade button, end to end on the private engine (scripts/test.sh sets <c>CHTCTL_TEST_DOCKER_HOST</c>
/// and builds the images): an instance at 4.22.0 with a builds server holding the 4.23.0 staging document; api's
/// <c>POST /api/v2/upgrade</c> through the edge reaches the upgrade service, which runs <c>chtctl upgrade</c> inside
/// the instance; the instance ends at 4.23.0 with the upgrade in its history. Bad payloads sent to the service
/// from inside the network are refused and change nothing.
/// </summary>
public sealed class UpgradeFromApiEndToEndTests : IAsyncLifetime
{
    private const string BuildsPassword = "builds-e2e-pass";

    // Created here, so a missing engine fails the test before anything exists (xunit does not dispose a failed fixture).
    private readonly EngineInstance _instance = new("upsvc-e2e", buildsUrl: $"http://admin:{BuildsPassword}@builds:5984/builds_4");

    private string BuildsContainer => _instance.Name + "-builds";

    private string ApiContainer => _instance.Name + "_api_1";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // The builds server is on the instance's network: it goes first, or the network cannot be removed.
        Docker.Run("rm", "-f", BuildsContainer);
        await _instance.DisposeAsync();
    }

    [Fact]
    public async Task The_admin_apps_upgrade_runs_chtctl_upgrade_inside_the_instance()
    {
        var up = await _instance.VerbAsync("up");
        Assert.True(up.ExitCode == 0, $"chtctl up failed:\n{up.Output}");
        await StartBuildsServerAsync();

        // The admin's upgrade answers only once every container is ok: longer than an ordinary request.
        using var http = _instance.AdminEdge(timeout: TimeSpan.FromMinutes(2));

        var (answer, body) = await http.PostAsync("api/v2/upgrade", """{"build":{"namespace":"medic","application":"medic","version":"4.23.0"}}""");
        Assert.True(answer == HttpStatusCode.OK, $"api answered {(int)answer}: {body}");
        using (var map = JsonDocument.Parse(body))
        {
            foreach (var container in new[] { "cht-api", "cht-sentinel", "cht-couchdb", "cht-haproxy" })
                Assert.True(map.RootElement.GetProperty(container).GetProperty("ok").GetBoolean(), body);
        }

        // api is recreated at 4.23.0; the run then waits for the gates and records the change, which the service logs.
        var upgraded = await WaitUntilAsync(TimeSpan.FromMinutes(5), () =>
        {
            var log = UpgradeServiceLog();
            return log.Contains("upgrade 4.22.0 -> 4.23.0 succeeded", StringComparison.Ordinal)
                || log.Contains("upgrade 4.22.0 -> 4.23.0 failed", StringComparison.Ordinal)
                || log.Contains("upgrade 4.22.0 -> 4.23.0 refused", StringComparison.Ordinal);
        });
        var serviceLog = UpgradeServiceLog();
        Assert.True(upgraded, $"the upgrade did not finish in time; upgrade service log:\n{serviceLog}");
        Assert.Contains("upgrade 4.22.0 -> 4.23.0 succeeded: CHT 4.23.0 is running", serviceLog, StringComparison.Ordinal);
        Assert.Contains("upgrade-service_1 is up-to-date", serviceLog, StringComparison.Ordinal);

        var info = await http.GetStringAsync("api/info");
        Assert.Contains("\"4.23.0\"", info, StringComparison.Ordinal);
        var status = await _instance.VerbAsync("status");
        Assert.Matches(@"(?m)^api\s+running\s+healthy\s+1/1\s+\d+\s+4\.23\.0", status.Output);
        var history = await _instance.VerbAsync("history");
        Assert.Matches(@"(?m)^2\s+.*\bupgrade\s+4\.23\.0\b.*succeeded", history.Output);
        Assert.Matches(@"(?m)^\s+version: 4\.23\.0", await File.ReadAllTextAsync(_instance.RecordedState));

        // Bad payloads straight to the service, from inside the network as api would send them: refused, nothing changes.
        AssertRefused($$"""{"containers":[{"container_name":"cht-api","image_tag":"docker.io/someone/cht-api:4.24.0"}]}""",
            "not from this instance's registry");
        AssertRefused($$"""{"containers":[{"container_name":"cht-mystery","image_tag":"{{TestEngine.Registry}}/cht-api:4.24.0"}]}""",
            "Unknown container name");
        var after = await _instance.VerbAsync("history");
        Assert.DoesNotMatch(@"(?m)^3\s", after.Output);
        Assert.Contains("\"4.23.0\"", await http.GetStringAsync("api/info"), StringComparison.Ordinal);
    }

    private string UpgradeServiceLog() => Docker.Run("logs", _instance.Name + "_upgrade-service_1").Output;

    private void AssertRefused(string payload, string reason)
    {
        var result = Docker.Run("exec", ApiContainer, "curl", "-sS", "-o", "-", "-w", "\nHTTP %{http_code}",
            "-X", "POST", "-H", "content-type: application/json", "--data", payload, "http://upgrade-service:5008/upgrade");
        Assert.Contains("HTTP 400", result.Output, StringComparison.Ordinal);
        Assert.Contains(reason, result.Output.Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>A CouchDB (the stand-in image) on the instance network as <c>builds</c>, with upstream's staging document for 4.23.0.</summary>
    private async Task StartBuildsServerAsync()
    {
        var registry = TestEngine.Registry;
        var run = Docker.Run("run", "-d", "--name", BuildsContainer, "--network", _instance.Name + "-net", "--network-alias", "builds",
            "-e", "COUCHDB_USER=admin", "-e", $"COUCHDB_PASSWORD={BuildsPassword}", $"{registry}/cht-couchdb:4.22.0");
        Assert.True(run.ExitCode == 0, $"the builds server did not start:\n{run.Output}");
        var url = $"http://admin:{BuildsPassword}@127.0.0.1:5984";
        Assert.True(await WaitUntilAsync(TimeSpan.FromSeconds(60), () => Docker.Run("exec", BuildsContainer, "curl", "-fsS", url + "/_up").ExitCode == 0),
            "the builds server did not come up");

        var tags = new[] { "cht-api", "cht-sentinel", "cht-couchdb", "cht-haproxy", "cht-haproxy-healthcheck", "cht-nginx" }
            .Select(name => new { container_name = name, image = $"{registry}/{name}:4.23.0" });
        var doc = JsonSerializer.Serialize(new { version = "4.23.0", tags });
        var database = Docker.Run("exec", BuildsContainer, "curl", "-fsS", "-X", "PUT", url + "/builds_4");
        var staging = Docker.Run("exec", BuildsContainer, "curl", "-fsS", "-X", "PUT", "-H", "content-type: application/json",
            "--data", doc, url + "/builds_4/medic:medic:4.23.0");
        Assert.True(database.ExitCode == 0 && staging.ExitCode == 0, $"the staging document was not stored:\n{database.Output}\n{staging.Output}");
    }

    private static async Task<bool> WaitUntilAsync(TimeSpan timeout, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
                return true;
            await Task.Delay(1000);
        }

        return condition();
    }
}
