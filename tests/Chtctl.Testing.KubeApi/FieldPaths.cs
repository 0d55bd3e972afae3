using System.Text.Json.Nodes;

namespace Chtctl.Testing.KubeApi;

/// <summary>
/// Field paths of an object as field management sees them: every leaf (scalar, list or empty map) under the
/// object, except identity and server-owned fields. Lists are atomic here (the real server merges lists
/// with merge keys, such as containers by name, element by element; chtctl's tests do not depend on that).
/// </summary>
public static class FieldPaths
{
    private static readonly HashSet<string> IgnoredTop = ["apiVersion", "kind", "status"];
    private static readonly HashSet<string> IgnoredMetadata = ["name", "namespace", "resourceVersion", "managedFields", "uid", "generation", "creationTimestamp"];

    public static HashSet<FieldPath> Of(JsonObject o)
    {
        var paths = new HashSet<FieldPath>();
        foreach (var (key, value) in o)
        {
            if (IgnoredTop.Contains(key))
                continue;
            if (key == "metadata" && value is JsonObject meta)
            {
                foreach (var (metaKey, metaValue) in meta)
                {
                    if (!IgnoredMetadata.Contains(metaKey))
                        Collect(metaValue, new FieldPath(["metadata", metaKey]), paths);
                }
                continue;
            }
            Collect(value, new FieldPath([key]), paths);
        }
        return paths;
    }

    private static void Collect(JsonNode? node, FieldPath path, HashSet<FieldPath> paths)
    {
        if (node is JsonObject map && map.Count > 0)
        {
            foreach (var (key, value) in map)
                Collect(value, path.Child(key), paths);
            return;
        }
        paths.Add(path);
    }

    public static JsonNode? Get(JsonObject o, FieldPath path)
    {
        JsonNode? node = o;
        foreach (var key in path.Keys)
        {
            if (node is not JsonObject map || !map.TryGetPropertyValue(key, out node))
                return null;
        }
        return node;
    }

    public static bool Has(JsonObject o, FieldPath path)
    {
        JsonNode? node = o;
        foreach (var key in path.Keys)
        {
            if (node is not JsonObject map || !map.TryGetPropertyValue(key, out node))
                return false;
        }
        return true;
    }

    public static void Set(JsonObject o, FieldPath path, JsonNode? value)
    {
        var map = o;
        foreach (var key in path.Keys.SkipLast(1))
        {
            if (map[key] is not JsonObject child)
            {
                child = [];
                map[key] = child;
            }
            map = child;
        }
        map[path.Keys[^1]] = value?.DeepClone();
    }

    /// <summary>Removes a field and any maps it leaves empty, as the server does when an applier stops setting it.</summary>
    public static void Remove(JsonObject o, FieldPath path)
    {
        var chain = new List<JsonObject> { o };
        foreach (var key in path.Keys.SkipLast(1))
        {
            if (chain[^1][key] is not JsonObject child)
                return;
            chain.Add(child);
        }
        chain[^1].Remove(path.Keys[^1]);
        for (var i = chain.Count - 1; i > 0; i--)
        {
            if (chain[i].Count > 0)
                break;
            chain[i - 1].Remove(path.Keys[i - 1]);
        }
    }

    /// <summary>The <c>fieldsV1</c> form used in <c>managedFields</c>: nested maps of <c>f:name</c>.</summary>
    public static JsonObject ToFieldsV1(IEnumerable<FieldPath> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.OrderBy(p => p.ToString(), StringComparer.Ordinal))
        {
            var map = root;
            foreach (var key in path.Keys)
            {
                if (map["f:" + key] is not JsonObject child)
                {
                    child = [];
                    map["f:" + key] = child;
                }
                map = child;
            }
        }
        return root;
    }

    public static HashSet<FieldPath> FromFieldsV1(JsonObject? fields)
    {
        var paths = new HashSet<FieldPath>();
        void Walk(JsonObject map, ImmutableKeys prefix)
        {
            foreach (var (key, value) in map)
            {
                if (!key.StartsWith("f:", StringComparison.Ordinal))
                    continue;
                var keys = prefix.Add(key[2..]);
                if (value is JsonObject child && child.Count > 0)
                    Walk(child, keys);
                else
                    paths.Add(new FieldPath([.. keys.Items]));
            }
        }
        if (fields is not null)
            Walk(fields, new ImmutableKeys([]));
        return paths;
    }

    private sealed record ImmutableKeys(IReadOnlyList<string> Items)
    {
        public ImmutableKeys Add(string key) => new([.. Items, key]);
    }
}

/// <summary>A path to a field, compared by its keys.</summary>
public sealed class FieldPath(IReadOnlyList<string> keys) : IEquatable<FieldPath>
{
    public IReadOnlyList<string> Keys { get; } = keys;

    public FieldPath Child(string key) => new([.. Keys, key]);

    public bool Equals(FieldPath? other) => other is not null && Keys.SequenceEqual(other.Keys, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as FieldPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var key in Keys)
            hash.Add(key, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    /// <summary>The form the server uses in conflict messages: <c>.spec.replicas</c>.</summary>
    public override string ToString() => "." + string.Join('.', Keys);
}
