using System.Diagnostics;
using System.Text;

namespace Chtctl.Compose.Driver.Cli;

/// <summary>The outcome of one process run: exit code and everything it wrote, in order.</summary>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<string> Output)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of output, for an error message.</summary>
    public string Tail(int lines = 15) => string.Join('\n', Output.TakeLast(lines));
}

/// <summary>
/// Runs a program with an argument list (never a shell string), its own environment additions, and each
/// output line handed to the caller as it arrives (Compose's progress). Cancellation kills the whole tree.
/// </summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        Action<string>? onLine,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        // Compose v1 draws progress bars when it thinks it has a terminal; plain lines are what we relay.
        start.Environment["COMPOSE_INTERACTIVE_NO_CLI"] = "1";
        start.Environment["COMPOSE_ANSI"] = "never";
        start.Environment["COMPOSE_PROGRESS"] = "plain";

        var output = new List<string>();
        using var process = new Process { StartInfo = start };
        void Receive(string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.Add(line);
            onLine?.Invoke(line);
        }
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(127, [$"{program}: {e.Message}"]);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        // WaitForExitAsync returns once the streams are drained as well.
        lock (output)
            return new ProcessResult(process.ExitCode, [.. output]);
    }
}
