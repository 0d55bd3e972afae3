using System.Diagnostics;
using System.Globalization;
using Chtctl.Core.Versions;

namespace Chtctl.Services.UpgradeService;

/// <summary>The command a run starts: a program and its arguments for a target version (never a shell string).</summary>
internal sealed record UpgradeCommand(string Program, Func<ChtVersion, IReadOnlyList<string>> Arguments)
{
    /// <summary>
    /// <c>chtctl upgrade &lt;instance file&gt; --to &lt;version&gt;</c> with this very executable, so the service and
    /// the sequence it starts are always the same chtctl build.
    /// </summary>
    public static UpgradeCommand Chtctl(string executable, string instanceFile) =>
        new(executable, target => ["upgrade", instanceFile, "--to", target.ToString()]);
}

/// <summary>
/// The Compose runner: each accepted request starts <c>chtctl upgrade</c> as a child process and returns at once,
/// because the sequence recreates api, whose request would otherwise die unanswered. The child does the whole
/// sequence (preflight, apply, gates, automatic return, history records); the service only follows it: its last
/// output line is the run's step, and its exit is logged. One run at a time; a second request gets 409 from the
/// endpoints through <see cref="Running"/>. A run started from the host's command line is refused by the
/// child itself (the instance lock), which the log then shows as a refused run.
/// </summary>
internal sealed class ChildProcessUpgradeRunner(
    UpgradeCommand command,
    Func<ChtVersion> recordedVersion,
    UpgradeServiceLog log,
    TimeProvider clock) : IUpgradeRunner
{
    // The exit codes of `chtctl upgrade` (ExitCodes in the CLI): the log names the outcome instead of a number.
    private const int Refused = 4;
    private const int RolledBack = 5;

    private readonly Lock _gate = new();
    private UpgradeProgress? _running;
    private Task _completion = Task.CompletedTask;

    public UpgradeProgress? Running
    {
        get
        {
            lock (_gate)
                return _running;
        }
    }

    /// <summary>Completes when the current run (if any) has exited and been logged; for tests and orderly stops.</summary>
    public Task Completion
    {
        get
        {
            lock (_gate)
                return _completion;
        }
    }

    public Task<ChtVersion> CurrentVersionAsync(CancellationToken cancellationToken) => Task.FromResult(recordedVersion());

    public async Task<UpgradeStart> StartAsync(ChtVersion target, string requestedBy, CancellationToken cancellationToken)
    {
        var from = await CurrentVersionAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_running is { } running)
                return new UpgradeStart.AlreadyRunning(running);

            var progress = new UpgradeProgress(from, target, "starting", requestedBy, clock.GetUtcNow());
            var arguments = command.Arguments(target);
            var info = new ProcessStartInfo(command.Program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
                info.ArgumentList.Add(argument);

            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            try
            {
                process.Start();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
            {
                process.Dispose();
                log.Write($"upgrade {from} -> {target}: cannot start {command.Program}: {e.Message}");
                return new UpgradeStart.Refused($"the upgrade could not be started ({e.Message}); on the host run 'chtctl upgrade --to {target}'");
            }

            // Nothing is ever asked of the child: an early end of input keeps a prompt from waiting forever.
            process.StandardInput.Close();
            _running = progress;
            log.Write($"upgrade {from} -> {target} started for {requestedBy}: {command.Program} {string.Join(' ', arguments)} (pid {process.Id.ToString(CultureInfo.InvariantCulture)})");
            _completion = FollowAsync(process, progress);
            return new UpgradeStart.Started(progress);
        }
    }

    private async Task FollowAsync(Process process, UpgradeProgress progress)
    {
        var label = $"upgrade {progress.From} -> {progress.To}";
        try
        {
            // Both streams: chtctl writes progress to stderr and results to stdout; either may carry the last word.
            await Task.WhenAll(
                ReadLinesAsync(process.StandardOutput, label),
                ReadLinesAsync(process.StandardError, label),
                process.WaitForExitAsync()).ConfigureAwait(false);
            var code = process.ExitCode;
            var outcome = code switch
            {
                0 => $"succeeded: CHT {progress.To} is running",
                Refused => $"refused, nothing changed (exit {code}): {Step()}",
                RolledBack => $"failed and returned to {progress.From} (exit {code}): {Step()}",
                _ => $"failed (exit {code}): {Step()}; check 'chtctl status' and 'chtctl history' on the host",
            };
            log.Write($"{label} {outcome}");
        }
#pragma warning disable CA1031 // Following the child must never take the service down; the failure is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.Write($"{label}: lost track of the run ({e.GetType().Name}: {e.Message})");
        }
        finally
        {
            process.Dispose();
            lock (_gate)
                _running = null;
        }

        string Step()
        {
            lock (_gate)
                return _running?.Step ?? "no output";
        }
    }

    private async Task ReadLinesAsync(StreamReader reader, string label)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            var text = line.Trim();
            if (text.Length == 0)
                continue;
            lock (_gate)
            {
                if (_running is { } running)
                    _running = running with { Step = text };
            }

            log.Write($"{label}: {text}");
        }
    }
}
