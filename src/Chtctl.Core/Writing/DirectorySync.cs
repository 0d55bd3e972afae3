using System.Runtime.InteropServices;

namespace Chtctl.Core.Writing;

/// <summary>
/// fsync of a directory, so a rename in it survives a crash. .NET opens no directory handle, so this goes to
/// libc; where that is not possible (another libc, a file system that refuses) the rename is still atomic,
/// only its durability after a power cut is left to the file system.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;

    /// <summary>True when the directory was synced; false when this platform or file system would not.</summary>
    public static bool TrySync(string directory)
    {
        try
        {
            var descriptor = Open(directory, ReadOnly);
            if (descriptor < 0)
                return false;
            var synced = FSync(descriptor) == 0;
            _ = Close(descriptor);
            return synced;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FSync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
