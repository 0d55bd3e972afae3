namespace Chtctl.Compose.Tls;

/// <summary>One file as it was read: its bytes, or that it is missing, or why it could not be read.</summary>
/// <param name="Path">The full path, for messages.</param>
/// <param name="Content">The bytes; null when the file is missing or unreadable.</param>
/// <param name="Missing">The file (or its directory) does not exist.</param>
/// <param name="Error">Why an existing file could not be read (the exception's message).</param>
internal sealed record FileBytes(string Path, byte[]? Content, bool Missing = false, string? Error = null)
{
    public bool Exists => !Missing;

    public static FileBytes Of(string path, byte[] content) => new(path, content);

    public static FileBytes Absent(string path) => new(path, null, Missing: true);

    public static FileBytes Unreadable(string path, string error) => new(path, null, Error: error);

    /// <summary>
    /// Reads a file chtctl installed: missing when <see cref="File.Exists"/> says so (as for a directory in
    /// its place), unreadable when it exists and reading fails.
    /// </summary>
    public static FileBytes ReadInstalled(string path)
    {
        if (!File.Exists(path))
            return Absent(path);
        try
        {
            return Of(path, File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(path, e.Message);
        }
    }

    /// <summary>Reads a file the operator named: missing only when the path does not exist; anything else in the way is unreadable.</summary>
    public static FileBytes ReadOperators(string path)
    {
        try
        {
            return Of(path, File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Absent(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(path, e.Message);
        }
    }
}
