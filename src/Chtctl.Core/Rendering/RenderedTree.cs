using System.Text;

namespace Chtctl.Core.Rendering;

/// <summary>A file a renderer produced: a path relative to the output root, its text, and whether it holds secrets.</summary>
public sealed record RenderedFile(string Path, string Content, bool Private = false)
{
    /// <summary>Unix mode the file is written with: 0600 for anything carrying secrets.</summary>
    public UnixFileMode Mode => Private
        ? UnixFileMode.UserRead | UnixFileMode.UserWrite
        : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
}

/// <summary>The whole output of a renderer, in a stable (ordinal path) order.</summary>
public sealed class RenderedTree
{
    private readonly SortedDictionary<string, RenderedFile> _files = new(StringComparer.Ordinal);

    public IReadOnlyCollection<RenderedFile> Files => _files.Values;

    public RenderedFile this[string path] => _files[path];

    public bool Contains(string path) => _files.ContainsKey(path);

    public RenderedTree Add(RenderedFile file)
    {
        if (file.Path.StartsWith('/') || file.Path.Split('/').Contains(".."))
            throw new ArgumentException($"rendered path must stay inside the output: {file.Path}");
        if (!_files.TryAdd(file.Path, file))
            throw new InvalidOperationException($"two renderers produced {file.Path}");
        return this;
    }

    public RenderedTree Add(string path, string content, bool isPrivate = false) => Add(new RenderedFile(path, content, isPrivate));

    /// <summary>
    /// All files as one stream, for <c>render --output -</c>: each a YAML document (<c>---</c>) headed by a
    /// comment naming its file, as Helm does, so a Kubernetes stream goes straight to <c>kubectl apply -f -</c>.
    /// </summary>
    public string ToStream()
    {
        var text = new StringBuilder();
        foreach (var file in Files)
        {
            text.Append("---\n# Source: ").Append(file.Path).Append('\n').Append(file.Content);
            if (!file.Content.EndsWith('\n'))
                text.Append('\n');
        }

        return text.ToString();
    }
}

/// <summary>Turns a topology into the files of one target. Pure: no clock, no I/O, no randomness.</summary>
public interface IRenderer
{
    RenderedTree Render(Topology.InstanceTopology topology, Secrets.InstanceSecrets secrets);
}
