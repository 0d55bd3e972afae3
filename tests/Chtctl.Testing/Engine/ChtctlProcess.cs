using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;

namespace Chtctl.Testing.Engine;

/// <summary>
/// The real chtctl executable run as a child process the way an operator runs it: no terminal (stdin is empty),
/// DOCKER_HOST naming the test engine, no colour, no kubeconfig from the environment. The executable is the Cli
/// project's build output, which a test project's reference to <c>src/Chtctl.Cli</c> copies next to the tests.
/// </summary>
public sealed class ChtctlProcess : IDisposable
{
    /// <summary>Longer than chtctl's own default <c>--timeout</c> (10m): only a hung run is cut off.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(15);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IReadOnlyList<string> _arguments;

    private ChtctlProcess(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        Assert.True(File.Exists(Dll), $"chtctl is not built at {Dll}: the test project must reference src/Chtctl.Cli (for its build output) and be built first");
        _arguments = arguments;
        var info = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["DOCKER_HOST"] = TestEngine.DockerHost;
        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove("KUBECONFIG");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data, _stdoutDone);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data, _stderrDone);
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The built chtctl.dll next to the tests.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "chtctl.dll");

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public bool HasExited => _process.HasExited;

    /// <summary>What it has printed so far, both streams.</summary>
    public string Output
    {
        get
        {
            lock (_stdout)
                return _stdout.ToString() + _stderr;
        }
    }

    /// <summary>Starts chtctl in the background; <see cref="WaitAsync"/> collects its result.</summary>
    public static ChtctlProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        new(arguments, environment);

    /// <summary>Runs chtctl to the end (or gives up after <paramref name="timeout"/>, killing it by pid).</summary>
    public static async Task<ChtctlResult> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(arguments, environment);
        return await process.WaitAsync(timeout).ConfigureAwait(false);
    }

    public async Task<ChtctlResult> WaitAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"chtctl {string.Join(' ', _arguments)} did not finish within {limit}:\n{Output}");
        }

        await Task.WhenAll(_stdoutDone.Task, _stderrDone.Task).ConfigureAwait(false);
        string stdout, stderr;
        lock (_stdout)
        {
            stdout = _stdout.ToString();
            stderr = _stderr.ToString();
        }

        return new ChtctlResult(_arguments, _process.ExitCode, stdout, stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    private void Kill()
    {
        // By its own pid: SIGTERM lets chtctl release its lock; SIGKILL if it does not go.
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            term.WaitForExit();
        if (!_process.WaitForExit(10_000))
            _process.Kill(entireProcessTree: true);
    }

    private void Append(StringBuilder buffer, string? line, TaskCompletionSource done)
    {
        if (line is null)
        {
            done.TrySetResult();
            return;
        }

        lock (_stdout)
            buffer.Append(line).Append('\n');
    }
}
