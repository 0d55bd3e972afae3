using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Chtctl.EndToEnd.Tests.Support;

/// <summary>What one chtctl run printed and how it ended.</summary>
internal sealed record ChtctlResult(IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;

    /// <summary>A failure message worth reading: the command, its exit code and everything it printed.</summary>
    public override string ToString() => $"chtctl {string.Join(' ', Arguments)} → exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// The real chtctl executable (the Cli project's build output, copied next to the tests) run as a child
/// process the way an operator runs it: no terminal (stdin is empty), DOCKER_HOST naming the test engine.
/// </summary>
internal sealed class ChtctlProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IReadOnlyList<string> _arguments;

    private ChtctlProcess(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
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

    /// <summary>The built chtctl.dll the test project's reference to the Cli project copies next to the tests.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "chtctl.dll");

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

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
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"chtctl {string.Join(' ', _arguments)} did not finish within {timeout ?? TimeSpan.FromMinutes(5)}:\n{Output}");
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
