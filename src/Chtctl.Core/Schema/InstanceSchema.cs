using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Schema;

/// <summary>
/// The JSON Schema (draft 2020-12) of the instance file, generated from the spec model: the same
/// attributes drive parsing, validation and this schema, so they cannot disagree. Editors use it to
/// complete and check instance files (yaml-language-server, VS Code).
/// </summary>
public static class InstanceSchema
{
    public const string Id = "https://chtctl.dev/schema/instance-v1.json";

    public static string Generate()
    {
        var root = RecordSchema(typeof(InstanceSpec), new InstanceSpec());
        var ordered = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "chtctl instance file",
        };
        foreach (var (key, value) in root)
            ordered[key] = value?.DeepClone();
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return ordered.ToJsonString(options).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static JsonObject RecordSchema(Type type, object defaults)
    {
        var schema = new JsonObject { ["type"] = "object" };
        if (type.GetCustomAttribute<DocAttribute>() is { } doc)
            schema["description"] = doc.Text;
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in SpecNaming.KeysOf(type))
        {
            var key = SpecNaming.KeyOf(property);
            properties[key] = PropertySchema(property, property.GetValue(defaults));
            if (property.GetCustomAttribute<RequiredKeyAttribute>() is not null)
                required.Add(key);
        }

        schema["properties"] = properties;
        if (required.Count > 0)
            schema["required"] = required;
        schema["additionalProperties"] = false;
        return schema;
    }

    private static JsonObject PropertySchema(PropertyInfo property, object? defaultValue)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        JsonObject schema;
        if (SpecNaming.IsRecord(type))
        {
            schema = RecordSchema(type, defaultValue ?? Activator.CreateInstance(type)!);
        }
        else
        {
            schema = ValueSchema(type);
            if (defaultValue is not null && !SpecNaming.IsEmptyCollection(defaultValue))
                schema["default"] = DefaultOf(defaultValue);
        }

        if (property.GetCustomAttribute<DocAttribute>() is { } doc)
        {
            schema["description"] = doc.Text;
            if (doc.Example is { } example)
                schema["examples"] = new JsonArray(example);
        }

        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern)
        {
            var target = type == typeof(IReadOnlyList<string>) ? (JsonObject)schema["items"]! : schema;
            target["pattern"] = pattern.Regex;
        }

        if (property.GetCustomAttribute<IntRangeAttribute>() is { } range)
        {
            schema["minimum"] = range.Min;
            schema["maximum"] = range.Max;
        }

        return schema;
    }

    private static JsonObject ValueSchema(Type type)
    {
        if (type == typeof(string)) return new JsonObject { ["type"] = "string" };
        if (type == typeof(int)) return new JsonObject { ["type"] = "integer" };
        if (type == typeof(bool)) return new JsonObject { ["type"] = "boolean" };
        if (type.IsEnum)
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(SpecNaming.EnumValues(type).Select(v => (JsonNode)v!).ToArray()) };
        if (type == typeof(IReadOnlyList<string>))
            return new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } };
        if (type == typeof(IReadOnlyDictionary<string, string>))
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } };
        throw new NotSupportedException($"no schema for {type}");
    }

    private static JsonNode? DefaultOf(object value) => value switch
    {
        Enum e => SpecNaming.EnumValueOf(e),
        string s => s,
        int i => i,
        bool b => b,
        _ => null,
    };
}
