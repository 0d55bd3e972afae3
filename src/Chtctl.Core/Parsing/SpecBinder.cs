using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chtctl.Core.Parsing;

/// <summary>
/// Binds a YAML tree onto the immutable spec records by reflection, so the model is the single
/// definition of what a file may contain. Collects every structural problem (unknown key, wrong type)
/// instead of stopping at the first, and records where each value was.
/// </summary>
internal sealed class SpecBinder(string file, SourceMap map, List<SpecDiagnostic> diagnostics)
{
    // NullabilityInfoContext caches into a plain Dictionary and is not thread-safe: one per thread, so files parsed
    // at the same time (tests, the services) never corrupt each other's cache.
    private static readonly ThreadLocal<NullabilityInfoContext> Nullability = new(() => new NullabilityInfoContext());

    public T? BindRoot<T>(YamlNode root) where T : class, new()
    {
        map.Add("", Locate(root));
        return Bind(typeof(T), root, "", nullable: false) as T;
    }

    private object? Bind(Type type, YamlNode node, string path, bool nullable)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            type = underlying;
            nullable = true;
        }

        map.Add(path, Locate(node));
        if (IsNull(node))
        {
            if (nullable)
                return null;
            Error(path, node, $"expected {Describe(type)}, found nothing", "remove the key to use the default, or give a value");
            return Missing;
        }

        if (type == typeof(string))
            return Scalar(node, path, type, s => s);
        if (type == typeof(int))
            return Scalar(node, path, type, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : Missing);
        if (type == typeof(bool))
            return Scalar(node, path, type, ParseBool);
        if (type.IsEnum)
            return Scalar(node, path, type, s => ParseEnum(type, s));
        if (type == typeof(IReadOnlyList<string>))
            return BindList(node, path);
        if (type == typeof(IReadOnlyDictionary<string, string>))
            return BindDictionary(node, path);
        if (SpecNaming.IsRecord(type))
            return BindRecord(type, node, path);
        throw new NotSupportedException($"spec model type {type} has no binding");
    }

    private object? BindRecord(Type type, YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(path, node, $"expected {Describe(type)}, found {DescribeNode(node)}");
            return Missing;
        }

        var instance = Activator.CreateInstance(type)!;
        var keys = SpecNaming.KeysOf(type).ToDictionary(SpecNaming.KeyOf, StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (!keys.TryGetValue(key, out var property))
            {
                map.Add(childPath, Locate(keyNode));
                var suggestion = DidYouMean.Suggest(key, keys.Keys) ?? ElsewhereInModel(key);
                Error(childPath, keyNode, $"unknown key '{key}'",
                    suggestion is not null ? $"did you mean '{suggestion}'?" : $"keys allowed here: {string.Join(", ", keys.Keys)}");
                continue;
            }

            var nullable = Nullability.Value!.Create(property).WriteState == NullabilityState.Nullable;
            var value = Bind(property.PropertyType, valueNode, childPath, nullable);
            if (!ReferenceEquals(value, Missing))
                property.SetValue(instance, value);
        }

        foreach (var (key, property) in keys)
        {
            if (property.GetCustomAttribute<Spec.RequiredKeyAttribute>() is not null && !mapping.Children.ContainsKey(new YamlScalarNode(key)))
                Error(path.Length == 0 ? key : $"{path}.{key}", node, $"required key '{key}' is missing",
                    Example(property) is { } example ? $"add '{key}: {example}'" : null, locateAt: path);
        }

        return instance;
    }

    private object? BindList(YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            Error(path, node, "expected a list, found a single value", $"write it as a list: [{((YamlScalarNode)node).Value}]");
            return Missing;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(path, node, $"expected a list, found {DescribeNode(node)}");
            return Missing;
        }

        var items = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = Bind(typeof(string), sequence.Children[i], $"{path}[{i}]", nullable: false);
            if (item is string s)
                items.Add(s);
        }

        return items.AsReadOnly();
    }

    private object? BindDictionary(YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(path, node, $"expected a mapping of names to values, found {DescribeNode(node)}");
            return Missing;
        }

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            // Point problems with a name at the name, not its value.
            map.Add($"{path}.{key}", Locate(keyNode));
            if (Bind(typeof(string), valueNode, $"{path}.{key}", nullable: false) is string value)
                result[key] = value;
        }

        return result;
    }

    private object? Scalar(YamlNode node, string path, Type type, Func<string, object> parse)
    {
        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            Error(path, node, $"expected {Describe(type)}, found {DescribeNode(node)}");
            return Missing;
        }

        var value = parse(scalar.Value);
        if (ReferenceEquals(value, Missing))
        {
            var hint = type.IsEnum ? DidYouMean.Suggest(scalar.Value, SpecNaming.EnumValues(type)) is { } s ? $"did you mean '{s}'?" : null : null;
            Error(path, node, $"expected {Describe(type)}, found '{scalar.Value}'", hint);
        }

        return value;
    }

    /// <summary>A key written at the wrong level: the full path where the model has a key of that name.</summary>
    private static string? ElsewhereInModel(string key)
    {
        var matches = AllPaths.Value.Where(p => p == key || p.EndsWith("." + key, StringComparison.Ordinal)).ToArray();
        return matches.Length == 1 ? matches[0] : null;
    }

    private static readonly Lazy<string[]> AllPaths = new(() => PathsOf(typeof(Spec.InstanceSpec), "").ToArray());

    private static IEnumerable<string> PathsOf(Type type, string prefix)
    {
        foreach (var property in SpecNaming.KeysOf(type))
        {
            var path = prefix + SpecNaming.KeyOf(property);
            yield return path;
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (SpecNaming.IsRecord(propertyType))
            {
                foreach (var child in PathsOf(propertyType, path + "."))
                    yield return child;
            }
        }
    }

    private static object ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => Missing,
    };

    private static object ParseEnum(Type type, string text)
    {
        foreach (Enum value in Enum.GetValues(type))
        {
            if (string.Equals(SpecNaming.EnumValueOf(value), text, StringComparison.Ordinal))
                return value;
        }

        return Missing;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    internal static string Describe(Type type)
    {
        if (type == typeof(string)) return "a text value";
        if (type == typeof(int)) return "a whole number";
        if (type == typeof(bool)) return "true or false";
        if (type.IsEnum) return "one of: " + string.Join(", ", SpecNaming.EnumValues(type));
        if (type == typeof(IReadOnlyList<string>)) return "a list of text values";
        if (type == typeof(IReadOnlyDictionary<string, string>)) return "a mapping of names to values";
        return "a mapping";
    }

    private static string DescribeNode(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    private static string? Example(PropertyInfo property) => property.GetCustomAttribute<Spec.DocAttribute>()?.Example;

    private void Error(string path, YamlNode node, string message, string? hint = null, string? locateAt = null)
    {
        var location = locateAt is not null ? map.Find(locateAt) : Locate(node);
        diagnostics.Add(new SpecDiagnostic(DiagnosticSeverity.Error, file, path, location, message, hint));
    }

    internal static SourceLocation Locate(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    /// <summary>Marks a value that could not be bound, so the default stays in place.</summary>
    private static readonly object Missing = new();
}
