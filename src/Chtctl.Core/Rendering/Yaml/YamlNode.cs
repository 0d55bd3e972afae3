namespace Chtctl.Core.Rendering.Yaml;

/// <summary>
/// A small ordered YAML tree. Compose files are built as data and written by <see cref="YamlWriter"/>, so
/// key order and quoting are decided in one place and two renders of one topology are byte-identical.
/// </summary>
public abstract record YamlNode;

/// <summary>A mapping whose keys keep the order they were added in.</summary>
public sealed record YamlMap : YamlNode
{
    private readonly List<KeyValuePair<string, YamlNode>> _entries = [];

    public IReadOnlyList<KeyValuePair<string, YamlNode>> Entries => _entries;

    public YamlMap Add(string key, YamlNode value)
    {
        if (_entries.Exists(e => e.Key == key))
            throw new InvalidOperationException($"duplicate YAML key '{key}'");
        _entries.Add(new(key, value));
        return this;
    }

    public YamlMap Add(string key, string value) => Add(key, new YamlScalar.Str(value));

    public YamlMap Add(string key, long value) => Add(key, new YamlScalar.Int(value));

    public YamlMap Add(string key, bool value) => Add(key, new YamlScalar.Bool(value));

    /// <summary>Adds the entry only when the value has content, keeping the file free of empty keys.</summary>
    public YamlMap AddIfAny(string key, YamlNode value) => value switch
    {
        YamlMap { Entries.Count: 0 } or YamlSeq { Items.Count: 0 } => this,
        _ => Add(key, value),
    };
}

public sealed record YamlSeq : YamlNode
{
    private readonly List<YamlNode> _items = [];

    public YamlSeq()
    {
    }

    public YamlSeq(IEnumerable<string> items) => _items.AddRange(items.Select(i => new YamlScalar.Str(i)));

    public IReadOnlyList<YamlNode> Items => _items;

    public YamlSeq Add(YamlNode item)
    {
        _items.Add(item);
        return this;
    }

    public YamlSeq Add(string item) => Add(new YamlScalar.Str(item));
}

public abstract record YamlScalar : YamlNode
{
    public sealed record Str(string Value) : YamlScalar;

    public sealed record Int(long Value) : YamlScalar;

    /// <summary>A decimal number written as is (already formatted invariantly), e.g. <c>cpus: 0.5</c>.</summary>
    public sealed record Number(string Text) : YamlScalar;

    public sealed record Bool(bool Value) : YamlScalar;
}
