using Chtctl.Core.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chtctl.Core.Import.Helm;

/// <summary>One key of a values file: its dotted path, where it was written and what it holds.</summary>
internal sealed record HelmEntry(string Path, SourceLocation Location, YamlNode Value)
{
    public bool IsMapping => Value is YamlMappingNode;

    /// <summary>True for YAML null (<c>~</c>, <c>null</c>, nothing); a quoted "" is text, not null.</summary>
    public bool IsNull => Value is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public bool IsQuoted => Value is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted };

    public string? Text => Value is YamlScalarNode scalar && !IsNull ? scalar.Value : null;
}

/// <summary>
/// A Helm values file as a flat set of dotted key paths with positions. Tracks which keys the importer read,
/// so every key it did not understand can be reported instead of silently dropped.
/// </summary>
internal sealed class HelmValues
{
    private readonly Dictionary<string, HelmEntry> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private HelmValues()
    {
    }

    public static HelmValues? Parse(string text, ImportContext context)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
            context.Error("", new SourceLocation((int)e.Start.Line, (int)e.Start.Column),
                $"not valid YAML: {(cut >= 0 ? message[(cut + 3)..] : message)}", "check indentation and quoting around this line");
            return null;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            context.Error("", new SourceLocation(1, 1), "expected one YAML document with a mapping of Helm values at the top",
                "pass the values file given to helm (-f values.yaml), or `helm get values <release> -n <namespace>` output");
            return null;
        }

        var values = new HelmValues();
        values.Add(root, "");
        return values;
    }

    private void Add(YamlMappingNode mapping, string prefix)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            _entries.TryAdd(path, new HelmEntry(path, new SourceLocation((int)keyNode.Start.Line, (int)keyNode.Start.Column), valueNode));
            if (valueNode is YamlMappingNode child)
                Add(child, path);
        }
    }

    public bool Contains(string path) => _entries.ContainsKey(path);

    /// <summary>The key at <paramref name="path"/>, marked as read; null when the file does not have it.</summary>
    public HelmEntry? Read(string path)
    {
        if (!_entries.TryGetValue(path, out var entry))
            return null;
        _read.Add(path);
        return entry;
    }

    /// <summary>The key at <paramref name="path"/> without marking it read.</summary>
    public HelmEntry? Peek(string path) => _entries.GetValueOrDefault(path);

    /// <summary>Marks a key and everything under it as read (a section handled or ignored as a whole).</summary>
    public void ReadAll(string path)
    {
        foreach (var key in _entries.Keys.Where(k => k == path || k.StartsWith(path + ".", StringComparison.Ordinal)))
            _read.Add(key);
    }

    public SourceLocation Locate(string path) => _entries.TryGetValue(path, out var entry) ? entry.Location : SourceLocation.None;

    /// <summary>Names of the keys directly under a section, in file order.</summary>
    public IEnumerable<string> ChildrenOf(string path) =>
        _entries.Keys.Where(k => k.StartsWith(path + ".", StringComparison.Ordinal) && !k[(path.Length + 1)..].Contains('.', StringComparison.Ordinal))
            .Select(k => k[(path.Length + 1)..]);

    /// <summary>Keys with a value of their own (not sections) that nothing read.</summary>
    public IEnumerable<HelmEntry> Unread() =>
        _entries.Values.Where(e => !_read.Contains(e.Path) && !(e.IsMapping && ChildrenOf(e.Path).Any()));
}
