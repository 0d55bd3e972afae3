using Chtctl.Core.Rendering;

namespace Chtctl.Compose.Tests.Support;

/// <summary>A scratch directory removed when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("chtctl-compose-test-").FullName;
        // Readable by nginx's unprivileged workers, which serve files from under it.
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string CreateDirectory(params string[] parts) => Directory.CreateDirectory(Combine(parts)).FullName;

    /// <summary>Writes a rendered tree under a subdirectory, each file with the mode it is rendered with.</summary>
    public string Write(RenderedTree tree, string subdirectory)
    {
        var root = CreateDirectory(subdirectory);
        foreach (var file in tree.Files)
            WriteFile(System.IO.Path.Combine(root, file.Path), file.Content, file.Mode);
        return root;
    }

    public static void WriteFile(string path, string content, UnixFileMode mode = (UnixFileMode)0b110_100_100)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the OS cleans /tmp.
        }
    }
}
