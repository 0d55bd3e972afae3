using System.Reflection;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Parsing;

/// <summary>How C# members of the spec model are spelled in instance files.</summary>
public static class SpecNaming
{
    public static string KeyOf(PropertyInfo property) =>
        property.GetCustomAttribute<YamlNameAttribute>()?.Name ?? CamelCase(property.Name);

    public static string EnumValueOf(Enum value)
    {
        var field = value.GetType().GetField(value.ToString())!;
        return field.GetCustomAttribute<YamlNameAttribute>()?.Name ?? CamelCase(value.ToString());
    }

    public static IReadOnlyList<string> EnumValues(Type enumType) =>
        Enum.GetValues(enumType).Cast<Enum>().Select(EnumValueOf).ToArray();

    /// <summary>The properties that are keys of a spec record, in declaration order.</summary>
    public static IReadOnlyList<PropertyInfo> KeysOf(Type recordType) =>
        recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.MetadataToken)
            .ToArray();

    /// <summary>
    /// An empty list or mapping: a default the schema and the reference leave out. Asked of the enumeration,
    /// not of a collection interface, because the model keeps its own equatable collections.
    /// </summary>
    public static bool IsEmptyCollection(object? value) =>
        value is System.Collections.IEnumerable items and not string && !items.GetEnumerator().MoveNext();

    public static bool IsRecord(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace == typeof(InstanceSpec).Namespace;

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
