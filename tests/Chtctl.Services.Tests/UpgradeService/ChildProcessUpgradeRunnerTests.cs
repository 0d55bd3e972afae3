using System.Net;
using System.Text;
using System.Text.Json;
using Chtctl.Core.Versions;
using Chtctl.Services.UpgradeService;

namespace Chtctl.Services.Tests.UpgradeService;

/// <summary>
/// The Compose runner against a fake <c>chtctl upgrade</c>: a bash script that prints progress, waits for a file
/// the test creates (so the test controls when it ends) and exits with the code it is given.
/// </summary>
public sealed class ChildProcessUpgradeRunnerTests : IDisposable
{
    private static readonly ChtVersion From = new(4, 22, 0);
    private static readonly ChtVersion To = new(4, 23, 0);
    private readonly string _dir = Directory.CreateTempSubdirectory("chtctl-runner-").FullName;
    private readonly StringWriter _log = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Release => Path.Combine(_dir, "release");

    private string ArgsFile => Path.Combine(_dir, "args");

    /// <summary>The fake child: records its arguments, reports two steps, waits for the release file, exits with <paramref name="exitCode"/>.</summary>
    private ChildProcessUpgradeRunner Runner(int exitCode, string program = "/bin/bash")
    {
        var script = Path.Combine(_dir, "fake-upgrade.sh");
        File.WriteAllText(script, $$"""
            printf '%s\n' "$@" > '{{ArgsFile}}'
            echo 'preflight: ok' >&2
            # The two streams are read separately: a pause keeps this test's "last line" from depending on which is read first.
            sleep 0.3
            echo 'applying CHT {{To}}'
            while [ ! -e '{{Release}}' ]; do sleep 0.05; done
            echo 'gates: api not healthy, returning' >&2
            exit {{exitCode}}
            """);
        var command = new UpgradeCommand(program, target => [script, "upgrade", "/srv/chtctl/a/instance.yaml", "--to", target.ToString()]);
        return new ChildProcessUpgradeRunner(command, () => From, new UpgradeServiceLog(_log, TimeProvider.System), TimeProvider.System);
    }

    private async Task WaitForStepAsync(ChildProcessUpgradeRunner runner, string step)
    {
        for (var i = 0; i < 400 && runner.Running?.Step != step; i++)
            await Task.Delay(25);
        Assert.Equal(step, runner.Running?.Step);
    }

    [Fact]
    public async Task Starts_the_child_in_the_background_and_follows_its_last_line()
    {
        var runner = Runner(exitCode: 0);

        var start = await runner.StartAsync(To, "admin", CancellationToken.None);

        var started = Assert.IsType<UpgradeStart.Started>(start);
        Assert.Equal(From, started.Progress.From);
        Assert.Equal(To, started.Progress.To);
        Assert.NotNull(runner.Running);
        await WaitForStepAsync(runner, "applying CHT 4.23.0");
        Assert.Equal(["upgrade", "/srv/chtctl/a/instance.yaml", "--to", "4.23.0"], await File.ReadAllLinesAsync(ArgsFile));

        await File.WriteAllTextAsync(Release, "");
        await runner.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(runner.Running);
        var log = _log.ToString();
        Assert.Contains("upgrade 4.22.0 -> 4.23.0 started for admin", log, StringComparison.Ordinal);
        Assert.Contains("upgrade 4.22.0 -> 4.23.0: preflight: ok", log, StringComparison.Ordinal);
        Assert.Contains("upgrade 4.22.0 -> 4.23.0 succeeded: CHT 4.23.0 is running", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_start_while_one_runs_is_refused_as_busy()
    {
        var runner = Runner(exitCode: 0);
        Assert.IsType<UpgradeStart.Started>(await runner.StartAsync(To, "admin", CancellationToken.None));

        var second = await runner.StartAsync(To, "someone else", CancellationToken.None);

        var busy = Assert.IsType<UpgradeStart.AlreadyRunning>(second);
        Assert.Equal("admin", busy.Progress.RequestedBy);
        await File.WriteAllTextAsync(Release, "");
        await runner.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<UpgradeStart.Started>(await runner.StartAsync(To, "admin again", CancellationToken.None));
        await runner.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(4, "refused, nothing changed (exit 4): gates: api not healthy, returning")]
    [InlineData(5, "failed and returned to 4.22.0 (exit 5): gates: api not healthy, returning")]
    [InlineData(2, "failed (exit 2): gates: api not healthy, returning")]
    public async Task The_outcome_of_a_failed_run_is_logged_with_its_last_step(int exitCode, string outcome)
    {
        var runner = Runner(exitCode);
        await File.WriteAllTextAsync(Release, "");

        Assert.IsType<UpgradeStart.Started>(await runner.StartAsync(To, "admin", CancellationToken.None));
        await runner.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(runner.Running);
        Assert.Contains($"upgrade 4.22.0 -> 4.23.0 {outcome}", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_that_cannot_start_is_refused_and_nothing_runs()
    {
        var runner = Runner(exitCode: 0, program: Path.Combine(_dir, "no-such-program"));

        var start = await runner.StartAsync(To, "admin", CancellationToken.None);

        var refused = Assert.IsType<UpgradeStart.Refused>(start);
        Assert.Contains("chtctl upgrade --to 4.23.0", refused.Reason, StringComparison.Ordinal);
        Assert.Null(runner.Running);
    }

    [Fact]
    public async Task Through_the_service_api_gets_its_map_at_once_and_a_second_request_gets_409()
    {
        var runner = Runner(exitCode: 0);
        const string registry = "localhost/chtctl-test";
        var options = new UpgradeServiceOptions { Instance = "a", Registry = registry, Port = 0, BindAddress = "127.0.0.1" };
        var server = new UpgradeHttpServer(options, new UpgradeEndpoints(runner, registry), new UpgradeServiceLog(_log, TimeProvider.System));
        await using (server)
        {
            server.Start();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}") };
            var payload = JsonSerializer.Serialize(new
            {
                containers = new[] { "cht-api", "cht-sentinel" }.Select(n => new { container_name = n, image_tag = $"{registry}/{n}:4.23.0" }),
            });

            using var first = await http.PostAsync(new Uri("/upgrade", UriKind.Relative), new StringContent(payload, Encoding.UTF8, "application/json"));
            using var second = await http.PostAsync(new Uri("/upgrade", UriKind.Relative), new StringContent(payload, Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("""{"cht-api":{"ok":true},"cht-sentinel":{"ok":true}}""", await first.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            await File.WriteAllTextAsync(Release, "");
            await runner.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}

/// <summary>Where UI upgrades are not wired (Kubernetes: no instance file, no Docker socket), api is told so with 503.</summary>
public sealed class UnwiredUpgradeRunnerTests
{
    [Fact]
    public async Task A_valid_request_is_answered_503_with_the_reason()
    {
        var reason = UnwiredUpgradeRunner.NotWiredReason("no instance file: on Kubernetes the service-account runner is not built yet");
        var endpoints = new UpgradeEndpoints(new UnwiredUpgradeRunner(pinned: null, reason), "localhost/chtctl-test");
        var payload = """{"containers":[{"container_name":"cht-api","image_tag":"localhost/chtctl-test/cht-api:4.23.0"}]}"""u8.ToArray();

        var response = await endpoints.UpgradeAsync(payload, "admin", CancellationToken.None);

        Assert.Equal(503, response.Status);
        Assert.Contains("not wired on this deployment yet (no instance file: on Kubernetes", response.Json, StringComparison.Ordinal);
    }
}
