using System.Text;
using Chtctl.Core.Rendering;

namespace Chtctl.Compose.Driver.State;

/// <summary>How a file of the rendered project differs from what is on disk.</summary>
public enum FileChange
{
    Add,
    Change,
    Remove,
}

/// <summary>
/// The rendered project as it lies in <c>&lt;home&gt;/project</c>: compared with a new render (for
/// <c>plan</c>) and brought to it (for <c>up</c>). Files are written to a temporary name with their final
/// mode and renamed into place, so Compose never reads half a file and <c>.env</c> is never readable by others.
/// </summary>
public sealed class ProjectDirectory(string path)
{
    public string Path { get; } = path;

    public bool Exists => File.Exists(System.IO.Path.Combine(Path, "docker-compose.yml"));

    /// <summary>The text of a file now on disk, or null.</summary>
    public string? Read(string relativePath)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        return File.Exists(full) ? File.ReadAllText(full, Encoding.UTF8) : null;
    }

    public IReadOnlyList<(string File, FileChange Change)> Diff(RenderedTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var changes = new List<(string, FileChange)>();
        foreach (var file in tree.Files)
        {
            var current = Read(file.Path);
            if (current is null)
                changes.Add((file.Path, FileChange.Add));
            else if (!string.Equals(current, file.Content, StringComparison.Ordinal))
                changes.Add((file.Path, FileChange.Change));
        }
        foreach (var existing in Existing().Where(f => !tree.Contains(f)))
            changes.Add((existing, FileChange.Remove));
        return changes;
    }

    /// <summary>Brings the directory to the tree; returns the files that changed.</summary>
    public IReadOnlyList<(string File, FileChange Change)> Write(RenderedTree tree)
    {
        var changes = Diff(tree);
        Directory.CreateDirectory(Path);
        foreach (var (relative, change) in changes)
        {
            var full = System.IO.Path.Combine(Path, relative);
            if (change == FileChange.Remove)
            {
                File.Delete(full);
                continue;
            }
            var file = tree[relative];
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            var temporary = full + ".chtctl-new";
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = OperatingSystem.IsWindows() ? null : file.Mode,
            }))
            {
                stream.Write(Encoding.UTF8.GetBytes(file.Content));
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, file.Mode);
            File.Move(temporary, full, overwrite: true);
        }
        return changes;
    }

    /// <summary>Files chtctl wrote before (a new render may have dropped some); hidden editor files are not ours, but .env is.</summary>
    private IEnumerable<string> Existing()
    {
        if (!Directory.Exists(Path))
            return [];
        return Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Path, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith(".chtctl-new", StringComparison.Ordinal))
            .Where(f => f == ".env" || !System.IO.Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal);
    }
}
