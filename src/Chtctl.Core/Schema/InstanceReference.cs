using System.Reflection;
using System.Text;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Schema;

/// <summary>
/// The operator's reference of every instance-file key (docs/instance-file.md), generated from the
/// spec model like the JSON Schema, so the documentation cannot drift from what chtctl accepts.
/// </summary>
public static class InstanceReference
{
    public static string Generate()
    {
        var text = new StringBuilder();
        text.Append("# Instance file reference\n\n");
        text.Append("Generated from chtctl's model by `chtctl schema --reference`; do not edit by hand.\n");
        text.Append("The same model gives the JSON Schema (`chtctl schema`, `schema/instance.schema.json`).\n\n");
        text.Append("| Key | Type | Default | Meaning |\n|---|---|---|---|\n");
        Rows(typeof(InstanceSpec), new InstanceSpec(), "", text);
        return text.ToString();
    }

    private static void Rows(Type type, object defaults, string prefix, StringBuilder text)
    {
        foreach (var property in SpecNaming.KeysOf(type))
        {
            var path = prefix + SpecNaming.KeyOf(property);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var doc = property.GetCustomAttribute<DocAttribute>()?.Text ?? "";
            var value = property.GetValue(defaults);
            if (SpecNaming.IsRecord(propertyType))
            {
                text.Append($"| `{path}` | mapping | | {Cell(doc)} |\n");
                Rows(propertyType, value ?? Activator.CreateInstance(propertyType)!, path + ".", text);
                continue;
            }

            var required = property.GetCustomAttribute<RequiredKeyAttribute>() is not null ? " (required)" : "";
            text.Append($"| `{path}` | {Cell(TypeName(propertyType))}{required} | {Cell(DefaultText(value))} | {Cell(doc)} |\n");
        }
    }

    private static string TypeName(Type type) => type.IsEnum
        ? string.Join(" | ", SpecNaming.EnumValues(type).Select(v => $"`{v}`"))
        : type == typeof(string) ? "text"
        : type == typeof(int) ? "number"
        : type == typeof(bool) ? "true/false"
        : type == typeof(IReadOnlyList<string>) ? "list of text"
        : "mapping of text";

    private static string DefaultText(object? value) => value switch
    {
        null => "",
        Enum e => $"`{SpecNaming.EnumValueOf(e)}`",
        string { Length: 0 } => "",
        string s => $"`{s}`",
        _ when SpecNaming.IsEmptyCollection(value) => "",
        _ => $"`{value}`",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
