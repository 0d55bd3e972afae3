using System.Security.Cryptography;
using System.Text;

namespace Chtctl.Core.Writing;

/// <summary>
/// The one way chtctl writes a file it owns (project files, secrets, certificates, instance files): a reader
/// sees the old content or the new, never half a file, and no moment exists where the file has a looser mode
/// than asked for.
/// <list type="bullet">
/// <item>The content goes to a temporary file beside the destination (rename is atomic only within one file
/// system), named <c>.&lt;name&gt;.&lt;random&gt;.tmp</c>: hidden, so <c>ProjectDirectory</c> and editors skip it,
/// and unpredictable (128 bits from the CSPRNG), so nobody can plant a link at the name in advance.</item>
/// <item>It is created exclusively (<see cref="FileMode.CreateNew"/>, O_CREAT|O_EXCL), which fails rather
/// than follow a symbolic link at that name, with <see cref="FileStreamOptions.UnixCreateMode"/>; the umask
/// can only remove bits, so the exact mode is then set through the open handle (fchmod, never by path).</item>
/// <item>It is flushed to disk (fsync) before the rename, and the directory is fsynced after it where the
/// platform allows, so after a crash the name points at complete content.</item>
/// <item>On any failure the temporary file is removed and the destination is untouched.</item>
/// </list>
/// A destination that is a symbolic link is refused. rename(2) would replace the link itself (it never writes
/// through one), so nothing outside the instance's directories could be written either way; refusing says so
/// to the operator instead of silently turning a link they made (to a certbot file, say) into a copy. A link
/// swapped in between the check and the rename is still only replaced, never followed.
/// </summary>
public static class AtomicFile
{
    /// <summary>0600: secrets, keys, files that may hold either.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0644: configuration and certificates others (nginx's workers, the operator's group) read.</summary>
    public const UnixFileMode Readable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> as UTF-8 without a byte order mark.</summary>
    public static void Write(string path, string content, UnixFileMode mode)
    {
        ArgumentNullException.ThrowIfNull(content);
        Write(path, Utf8.GetBytes(content), mode);
    }

    public static void Write(string path, byte[] content, UnixFileMode mode)
    {
        ArgumentNullException.ThrowIfNull(content);
        Write(path, mode, stream => stream.Write(content));
    }

    /// <summary>
    /// Writes what <paramref name="write"/> puts in the stream. The destination changes only when it returns;
    /// when it throws, the exception propagates and nothing is left behind.
    /// </summary>
    public static void Write(string path, UnixFileMode mode, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var destination = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(destination)
            ?? throw new ArgumentException($"{destination} names no file", nameof(path));
        RefuseLink(destination);

        var temporary = Path.Combine(directory, $".{Path.GetFileName(destination)}.{RandomNumberGenerator.GetHexString(32, lowercase: true)}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = mode,
        };
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                if (File.GetUnixFileMode(stream.SafeFileHandle) != mode)
                    File.SetUnixFileMode(stream.SafeFileHandle, mode);
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            RefuseLink(destination);
            File.Move(temporary, destination, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        _ = DirectorySync.TrySync(directory);
    }

    private static void RefuseLink(string destination)
    {
        var existing = new FileInfo(destination);
        if (existing.LinkTarget is { } target)
        {
            throw new IOException(
                $"{destination} is a symbolic link (to {target}); chtctl writes only regular files it owns and does not replace links. "
                + "Remove the link (or copy its target into place) and run again.");
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one to report; a hidden temporary name is skipped by every reader.
        }
    }
}
