using System.Diagnostics;

namespace Chtctl.Testing;

/// <summary>Runs real programs (haproxy, nginx, docker-compose) against rendered output.</summary>
public static class PeerTools
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Runs a program with an argument list (never a shell string) and returns its exit code and combined output.</summary>
    public static Result Run(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null, int timeoutSeconds = 120)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        if (workingDirectory is not null)
            info.WorkingDirectory = workingDirectory;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in {timeoutSeconds} s");
        }

        return new Result(process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>
    /// Runs a program in a private mount namespace whose /etc/hosts also maps the given names, so a
    /// rendered config naming instance-internal hosts (healthcheck, couchdb-1.local) can be checked here.
    /// </summary>
    public static Result RunWithHosts(IReadOnlyDictionary<string, string> hosts, string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var hostsFile = Path.Combine(Path.GetTempPath(), $"chtctl-hosts-{Guid.NewGuid():N}");
        File.WriteAllText(hostsFile, File.ReadAllText("/etc/hosts") + string.Concat(hosts.Select(h => $"{h.Value} {h.Key}\n")));
        try
        {
            var script = "mount --bind \"$0\" /etc/hosts && exec \"$@\"";
            return Run("unshare", ["-m", "sh", "-c", script, hostsFile, program, .. arguments], environment);
        }
        finally
        {
            File.Delete(hostsFile);
        }
    }
}
