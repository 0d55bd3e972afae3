namespace Chtctl.Core.Parsing;

/// <summary>Positions of every key and value read from a file, by dotted path (<c>couchdb.nodes</c>, <c>kubernetes.pinning[1]</c>).</summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    public static SourceMap Empty { get; } = new();

    public string File { get; init; } = "<instance>";

    internal void Add(string path, SourceLocation location) => _locations.TryAdd(path, location);

    public bool Contains(string path) => _locations.ContainsKey(path);

    /// <summary>The location of the path, or of its nearest parent present in the file.</summary>
    public SourceLocation Find(string path)
    {
        var current = path;
        while (true)
        {
            if (_locations.TryGetValue(current, out var location))
                return location;
            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
                return _locations.TryGetValue("", out var root) ? root : SourceLocation.None;
            current = current[..cut];
        }
    }
}
