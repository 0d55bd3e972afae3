using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

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
    private const string Registry = "localhost/chtctl-test";
    private const string BuildsPassword = "builds-e2e-pass";

    private readonly string _name = "upsvc-e2e-" + Guid.NewGuid().ToString("N")[..6];
    private string _dir = "";
    private readonly int _https = global::Chtctl.Testing.PublishablePorts.Next();
    private readonly int _http = global::Chtctl.Testing.PublishablePorts.Next();
    private string _dockerHost = "";

    private string Home => Path.Combine(_dir, "home");

    private string InstanceFile => Path.Combine(_dir, "instance.yaml");

    private string BuildsContainer => _name + "-builds";

    private string ApiContainer => _name + "_api_1";

    public Task InitializeAsync()
    {
        _dockerHost = Environment.GetEnvironmentVariable("CHTCTL_TEST_DOCKER_HOST") ?? "";
        if (_dockerHost.Length == 0)
            Assert.Fail("CHTCTL_TEST_DOCKER_HOST is not set: this end-to-end test needs the private Docker engine and images; run scripts/test.sh, or set it to unix:///run/chtctl-test/docker.sock after scripts/dockerd.sh and scripts/images.sh");
        // Created only once the engine is known: xunit does not dispose a fixture whose initialization failed.
        _dir = Directory.CreateTempSubdirectory("chtctl-upsvc-e2e-").FullName;
        File.WriteAllText(InstanceFile, $$"""
            apiVersion: chtctl/v1
            name: {{_name}}
            cht: { version: 4.22.0, registry: {{Registry}}, buildsUrl: "http://admin:{{BuildsPassword}}@builds:5984/builds_4" }
            compose: { home: {{Home}}, ports: { http: {{_http}}, https: {{_https}} } }
            tls: { host: localhost }
            images: { haproxy: {{Registry}}/haproxy:2.6, nginx: {{Registry}}/nginx:1.22, chtctl: {{Registry}}/chtctl:test }
            """);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_dockerHost.Length > 0)
        {
            // The builds server is on the instance's network: it goes first, or the network cannot be removed.
            await RunAsync("docker", ["rm", "-f", BuildsContainer]);
            await Chtctl(["destroy", InstanceFile, "--delete-data", "--yes"]);
        }

        if (_dir.Length > 0)
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_admin_apps_upgrade_runs_chtctl_upgrade_inside_the_instance()
    {
        var up = await Chtctl(["up", InstanceFile]);
        Assert.True(up.Code == 0, $"chtctl up failed:\n{up.Output}");
        await StartBuildsServerAsync();

        var (user, password) = AdminCredentials();
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
        {
            BaseAddress = new Uri($"https://localhost:{_https}"),
            Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

        using var answer = await http.PostAsync(new Uri("/api/v2/upgrade", UriKind.Relative), new StringContent(
            """{"build":{"namespace":"medic","application":"medic","version":"4.23.0"}}""", Encoding.UTF8, "application/json"));
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"api answered {(int)answer.StatusCode}: {body}");
        using (var map = JsonDocument.Parse(body))
        {
            foreach (var container in new[] { "cht-api", "cht-sentinel", "cht-couchdb", "cht-haproxy" })
                Assert.True(map.RootElement.GetProperty(container).GetProperty("ok").GetBoolean(), body);
        }

        // api is recreated at 4.23.0; the run then waits for the gates and records the change, which the service logs.
        var upgraded = await WaitUntilAsync(TimeSpan.FromMinutes(5), async () =>
        {
            var log = await RunAsync("docker", ["logs", _name + "_upgrade-service_1"]);
            return log.Output.Contains("upgrade 4.22.0 -> 4.23.0 succeeded", StringComparison.Ordinal)
                || log.Output.Contains("upgrade 4.22.0 -> 4.23.0 failed", StringComparison.Ordinal)
                || log.Output.Contains("upgrade 4.22.0 -> 4.23.0 refused", StringComparison.Ordinal);
        });
        var serviceLog = (await RunAsync("docker", ["logs", _name + "_upgrade-service_1"])).Output;
        Assert.True(upgraded, $"the upgrade did not finish in time; upgrade service log:\n{serviceLog}");
        Assert.Contains("upgrade 4.22.0 -> 4.23.0 succeeded: CHT 4.23.0 is running", serviceLog, StringComparison.Ordinal);
        Assert.Contains("upgrade-service_1 is up-to-date", serviceLog, StringComparison.Ordinal);

        var info = await http.GetStringAsync(new Uri("/api/info", UriKind.Relative));
        Assert.Contains("\"4.23.0\"", info, StringComparison.Ordinal);
        var status = await Chtctl(["status", InstanceFile]);
        Assert.Matches(@"(?m)^api\s+running\s+healthy\s+1/1\s+\d+\s+4\.23\.0", status.Output);
        var history = await Chtctl(["history", InstanceFile]);
        Assert.Matches(@"(?m)^2\s+.*\bupgrade\s+4\.23\.0\b.*succeeded", history.Output);
        Assert.Matches(@"(?m)^\s+version: 4\.23\.0", await File.ReadAllTextAsync(Path.Combine(Home, "instance.yaml")));

        // Bad payloads straight to the service, from inside the network as api would send them: refused, nothing changes.
        await AssertRefusedAsync($$"""{"containers":[{"container_name":"cht-api","image_tag":"docker.io/someone/cht-api:4.24.0"}]}""",
            "not from this instance's registry");
        await AssertRefusedAsync($$"""{"containers":[{"container_name":"cht-mystery","image_tag":"{{Registry}}/cht-api:4.24.0"}]}""",
            "Unknown container name");
        var after = await Chtctl(["history", InstanceFile]);
        Assert.DoesNotMatch(@"(?m)^3\s", after.Output);
        Assert.Contains("\"4.23.0\"", await http.GetStringAsync(new Uri("/api/info", UriKind.Relative)), StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(string payload, string reason)
    {
        var result = await RunAsync("docker", ["exec", ApiContainer, "curl", "-sS", "-o", "-", "-w", "\nHTTP %{http_code}",
            "-X", "POST", "-H", "content-type: application/json", "--data", payload, "http://upgrade-service:5008/upgrade"]);
        Assert.Contains("HTTP 400", result.Output, StringComparison.Ordinal);
        Assert.Contains(reason, result.Output.Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>A CouchDB (the stand-in image) on the instance network as <c>builds</c>, with upstream's staging document for 4.23.0.</summary>
    private async Task StartBuildsServerAsync()
    {
        var run = await RunAsync("docker", ["run", "-d", "--name", BuildsContainer, "--network", _name + "-net", "--network-alias", "builds",
            "-e", "COUCHDB_USER=admin", "-e", $"COUCHDB_PASSWORD={BuildsPassword}", $"{Registry}/cht-couchdb:4.22.0"]);
        Assert.True(run.Code == 0, $"the builds server did not start:\n{run.Output}");
        var url = $"http://admin:{BuildsPassword}@127.0.0.1:5984";
        Assert.True(await WaitUntilAsync(TimeSpan.FromSeconds(60), async () =>
            (await RunAsync("docker", ["exec", BuildsContainer, "curl", "-fsS", url + "/_up"])).Code == 0), "the builds server did not come up");

        var tags = new[] { "cht-api", "cht-sentinel", "cht-couchdb", "cht-haproxy", "cht-haproxy-healthcheck", "cht-nginx" }
            .Select(name => new { container_name = name, image = $"{Registry}/{name}:4.23.0" });
        var doc = JsonSerializer.Serialize(new { version = "4.23.0", tags });
        var database = await RunAsync("docker", ["exec", BuildsContainer, "curl", "-fsS", "-X", "PUT", url + "/builds_4"]);
        var staging = await RunAsync("docker", ["exec", BuildsContainer, "curl", "-fsS", "-X", "PUT", "-H", "content-type: application/json",
            "--data", doc, url + "/builds_4/medic:medic:4.23.0"]);
        Assert.True(database.Code == 0 && staging.Code == 0, $"the staging document was not stored:\n{database.Output}\n{staging.Output}");
    }

    private (string User, string Password) AdminCredentials()
    {
        static string Value(string file, string key) =>
            File.ReadLines(file).Select(l => l.Split('=', 2)).Single(p => p.Length == 2 && p[0] == key)[1];
        return (Value(Path.Combine(Home, "project", ".env"), "COUCHDB_USER"), Value(Path.Combine(Home, "secrets.env"), "COUCHDB_PASSWORD"));
    }

    private static async Task<bool> WaitUntilAsync(TimeSpan timeout, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(1000);
        }

        return await condition();
    }

    /// <summary>The chtctl this checkout built, beside the test's own build configuration.</summary>
    private Task<(int Code, string Output)> Chtctl(IReadOnlyList<string> arguments)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "chtctl.slnx")))
            root = root.Parent;
        var executable = Path.Combine(root?.FullName ?? "", "src", "Chtctl.Cli", "bin", configuration, testBin.Name, "chtctl");
        Assert.True(File.Exists(executable), $"chtctl is not built at {executable}: build chtctl.slnx first");
        return RunAsync(executable, arguments);
    }

    private async Task<(int Code, string Output)> RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["DOCKER_HOST"] = _dockerHost;
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
