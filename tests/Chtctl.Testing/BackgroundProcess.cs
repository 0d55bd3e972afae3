using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chtctl.Testing;

/// <summary>
/// A peer (haproxy, nginx, a CouchDB stand-in) running for the length of a test. Its output is drained so a full
/// pipe never blocks it; it is ended by its own process id, SIGTERM first, or killed outright to stage a crash.
/// </summary>
public sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public BackgroundProcess(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Waits until a TCP port accepts connections, failing with the peer's output if it exits or never listens.</summary>
    public void WaitForPort(int port, int timeoutSeconds = 20)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(timeoutSeconds))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(25);
            }
        }

        throw new TimeoutException($"nothing listened on port {port} within {timeoutSeconds} s:\n{Output}");
    }

    /// <summary>SIGKILL: the process dies the way a crashed or OOM-killed node does, with no goodbye.</summary>
    public void Crash()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                term.WaitForExit();
            if (!_process.WaitForExit(5_000))
                _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Append(line).Append('\n');
    }
}
