using System.Globalization;
using Chtctl.Core.Writing;

namespace Chtctl.Compose.Driver.State;

/// <summary>
/// Held while a run changes an instance, so two runs (an operator's <c>up</c> and the upgrade service's, say)
/// cannot interleave. It is an exclusive lock on <c>&lt;home&gt;/chtctl.lock</c> taken by the kernel (flock,
/// which .NET uses for <see cref="FileShare.None"/> on Unix): a run that dies releases it with its process, so
/// a stale lock cannot outlive a crash. A file beside it (<c>.holder</c>) names the holder for the message of a
/// refused run: the locked file itself cannot be read by others while the lock is held.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    private readonly FileStream _stream;

    private InstanceLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, or throws <see cref="InstanceLockedException"/> naming the run that holds it.</summary>
    public static InstanceLock Acquire(string path, string verb, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InstanceLockedException(
                $"another chtctl run is changing this instance ({Holder(path)}); wait for it to finish, then run again. "
                + $"The lock is {path}; it is released when that process ends.");
        }
        var text = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}, chtctl {verb}, since {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z\n");
        AtomicFile.Write(path + ".holder", text, AtomicFile.Readable);
        return new InstanceLock(stream);
    }

    public void Dispose() => _stream.Dispose();

    private static string Holder(string path)
    {
        try
        {
            var line = File.ReadLines(path + ".holder").FirstOrDefault();
            return string.IsNullOrWhiteSpace(line) ? "holder unknown" : line;
        }
        catch (IOException)
        {
            return "holder unknown";
        }
    }
}

public sealed class InstanceLockedException : Exception
{
    public InstanceLockedException(string message)
        : base(message)
    {
    }

    public InstanceLockedException()
    {
    }

    public InstanceLockedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
