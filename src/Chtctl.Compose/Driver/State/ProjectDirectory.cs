using System.Text;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.Planning;
using Chtctl.Core.Rendering;
using Chtctl.Core.Writing;

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
/// <c>plan</c>) and brought to it (for <c>up</c>). Files are written through <see cref="AtomicFile"/>, so
/// Compose never reads half a file and <c>.env</c> is never readable by others.
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

    /// <summary>chtctl's files now on disk, relative path → text: what the planner compares a render with.</summary>
    public IReadOnlyDictionary<string, string> ReadFiles()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var relative in Existing())
            files[relative] = File.ReadAllText(System.IO.Path.Combine(Path, relative), Encoding.UTF8);
        return files;
    }

    /// <summary>The project as deployed, with the containers the engine reported, for <see cref="ComposePlanner"/>.</summary>
    public ProjectSnapshot Snapshot(IReadOnlyList<ContainerInfo> containers) => new(ReadFiles(), containers);

    public IReadOnlyList<(string File, FileChange Change)> Diff(RenderedTree tree) => Snapshot([]).FileChanges(tree);

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
            AtomicFile.Write(full, file.Content, file.Mode);
        }
        return changes;
    }

    /// <summary>
    /// Files chtctl wrote before (a new render may have dropped some); hidden files (editors', and
    /// <see cref="AtomicFile"/>'s temporaries) are not ours, but .env is. <c>.chtctl-new</c> files were the
    /// temporaries of earlier chtctl builds.
    /// </summary>
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
