using YamlDotNet.RepresentationModel;

namespace Chtctl.Compose.Driver.Planning;

/// <summary>
/// The differences between two YAML trees as dotted paths with old and new values (<c>environment.COUCHDB_LOG_LEVEL:
/// info → debug</c>), so a plan names exactly the setting that changed. Sequences compare as a whole: a
/// healthcheck command or a port list is one setting to an operator.
/// </summary>
internal static class YamlTreeDiff
{
    public static YamlMappingNode? Load(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        stream.Load(reader);
        return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
    }

    public static YamlMappingNode? Child(YamlMappingNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is null || !node.Children.TryGetValue(new YamlScalarNode(key), out var child))
                return null;
            node = child as YamlMappingNode;
        }
        return node;
    }

    public static IReadOnlyList<string> Keys(YamlMappingNode? node) =>
        node is null ? [] : [.. node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "")];

    public static IReadOnlyList<string> Compare(YamlNode? before, YamlNode? after)
    {
        var changes = new List<string>();
        Walk("", before, after, changes);
        return changes;
    }

    private static void Walk(string path, YamlNode? before, YamlNode? after, List<string> changes)
    {
        if (before is YamlMappingNode a && after is YamlMappingNode b)
        {
            var keys = Keys(a).Union(Keys(b), StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                a.Children.TryGetValue(new YamlScalarNode(key), out var x);
                b.Children.TryGetValue(new YamlScalarNode(key), out var y);
                Walk(path.Length == 0 ? key : path + "." + key, x, y, changes);
            }
            return;
        }
        var old = Text(before);
        var @new = Text(after);
        if (old == @new)
            return;
        if (before is null)
            changes.Add($"{path}: added {@new}");
        else if (after is null)
            changes.Add($"{path}: removed (was {old})");
        else
            changes.Add($"{path}: {old} → {@new}");
    }

    private static string? Text(YamlNode? node) => node switch
    {
        null => null,
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode q => "[" + string.Join(", ", q.Children.Select(Text)) + "]",
        YamlMappingNode m => "{" + string.Join(", ", m.Children.Select(p => $"{Text(p.Key)}: {Text(p.Value)}")) + "}",
        _ => node.ToString(),
    };
}
