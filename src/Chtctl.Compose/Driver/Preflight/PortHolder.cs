using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Chtctl.Compose.Driver.Preflight;

/// <summary>
/// Whether a host port can be published, and when not, what holds it: a process found through
/// <c>/proc/net/tcp*</c> socket inodes and <c>/proc/&lt;pid&gt;/fd</c> (visible to root, which Docker needs anyway).
/// </summary>
public static class PortHolder
{
    public static bool IsFree(int port)
    {
        // Docker publishes on every address, so the port must be free on every address.
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>"pid 812 (nginx)" when the listening process can be found, else null.</summary>
    public static string? Describe(int port)
    {
        var inodes = ListeningInodes(port);
        if (inodes.Count == 0)
            return null;
        foreach (var pidDir in SafeEnumerate("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            foreach (var fd in SafeEnumerate(Path.Combine(pidDir, "fd")))
            {
                string? target;
                try
                {
                    target = new FileInfo(fd).LinkTarget;
                }
                catch (IOException)
                {
                    continue;
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                    return $"pid {Path.GetFileName(pidDir)} ({Command(pidDir)})";
            }
        }
        return null;
    }

    private static HashSet<string> ListeningInodes(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
                continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN; the inode is the tenth field.
                if (fields.Length < 10 || fields[3] != "0A")
                    continue;
                var local = fields[1];
                var hexPort = local[(local.LastIndexOf(':') + 1)..];
                if (int.TryParse(hexPort, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var p) && p == port)
                    inodes.Add(fields[9]);
            }
        }
        return inodes;
    }

    private static string Command(string pidDir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(pidDir, "comm")).Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static IEnumerable<string> SafeEnumerate(string directory)
    {
        try
        {
            return Directory.GetFileSystemEntries(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
