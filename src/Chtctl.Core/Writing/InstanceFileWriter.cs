using System.Globalization;
using System.Reflection;
using System.Text;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Writing;

/// <summary>
/// Writes an <see cref="InstanceSpec"/> as an instance file a person can read: only the keys that differ
/// from the defaults (plus the few every file carries), each with its documentation as a comment. Keys,
/// spellings and comments come from the model's attributes, so the output follows the schema as it changes.
/// Pure and deterministic: the same spec always gives the same text, and the text reads back to the same spec.
/// </summary>
public static class InstanceFileWriter
{
    /// <summary>Keys written even when they hold the default, because a reader should not have to know the defaults to see them.</summary>
    private static readonly HashSet<string> AlwaysWritten = new(StringComparer.Ordinal) { "target", "cht.version" };

    /// <param name="spec">The instance to write.</param>
    /// <param name="header">Optional text for comment lines at the top (for example where the file came from).</param>
    public static string Write(InstanceSpec spec, string? header = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var output = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(header))
        {
            foreach (var line in header.Split('\n'))
                output.Append(line.Length == 0 ? "#" : "# " + line.TrimEnd()).Append('\n');
            output.Append('\n');
        }

        WriteRecord(output, spec, new InstanceSpec(), RootKeys(spec.Target), "", 0);
        return output.ToString();
    }

    /// <summary>The model's order, except that the section of the chosen target comes before the other target's.</summary>
    private static IReadOnlyList<PropertyInfo> RootKeys(DeploymentTarget target)
    {
        var keys = SpecNaming.KeysOf(typeof(InstanceSpec)).ToList();
        var targetNames = SpecNaming.EnumValues(typeof(DeploymentTarget));
        var slots = keys.Select((p, i) => (p, i)).Where(x => targetNames.Contains(SpecNaming.KeyOf(x.p))).ToArray();
        var ordered = slots.Select(x => x.p).OrderBy(p => SpecNaming.KeyOf(p) == SpecNaming.EnumValueOf(target) ? 0 : 1).ToArray();
        for (var i = 0; i < slots.Length; i++)
            keys[slots[i].i] = ordered[i];
        return keys;
    }

    private static void WriteRecord(StringBuilder output, object record, object defaults, IReadOnlyList<PropertyInfo> keys, string path, int indent)
    {
        foreach (var property in keys)
        {
            var key = SpecNaming.KeyOf(property);
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            var value = property.GetValue(record);
            if (!MustWrite(property, childPath, value, property.GetValue(defaults)))
                continue;

            var isSection = value is not null && !IsScalar(value);
            if (indent == 0 && isSection)
                output.Append('\n');
            if (property.GetCustomAttribute<DocAttribute>() is { } doc)
            {
                foreach (var line in CommentText.Lines(doc.Text, indent))
                    output.Append(line).Append('\n');
            }

            WriteValue(output, key, value, property.GetValue(defaults), childPath, indent);
        }
    }

    private static bool MustWrite(PropertyInfo property, string path, object? value, object? defaultValue) =>
        property.GetCustomAttribute<RequiredKeyAttribute>() is not null
        || AlwaysWritten.Contains(path)
        || AlwaysWritten.Any(p => p.StartsWith(path + ".", StringComparison.Ordinal))
        || !SpecValues.Equal(value, defaultValue);

    private static void WriteValue(StringBuilder output, string key, object? value, object? defaultValue, string path, int indent)
    {
        var pad = new string(' ', indent);
        var name = YamlScalar.Format(key);
        switch (value)
        {
            case null:
                output.Append(pad).Append(name).Append(": null\n");
                break;
            case IReadOnlyDictionary<string, string> map:
                if (map.Count == 0)
                {
                    output.Append(pad).Append(name).Append(": {}\n");
                    break;
                }

                output.Append(pad).Append(name).Append(":\n");
                foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                    output.Append(pad).Append("  ").Append(YamlScalar.Format(k)).Append(": ").Append(YamlScalar.Format(v)).Append('\n');
                break;
            case IReadOnlyList<string> list:
                if (list.Count == 0)
                {
                    output.Append(pad).Append(name).Append(": []\n");
                    break;
                }

                output.Append(pad).Append(name).Append(":\n");
                foreach (var item in list)
                    output.Append(pad).Append("  - ").Append(YamlScalar.Format(item)).Append('\n');
                break;
            case var record when SpecNaming.IsRecord(record.GetType()):
                var children = new StringBuilder();
                var defaults = defaultValue ?? Activator.CreateInstance(record.GetType())!;
                WriteRecord(children, record, defaults, SpecNaming.KeysOf(record.GetType()), path, indent + 2);
                output.Append(pad).Append(name).Append(children.Length == 0 ? ": {}\n" : ":\n").Append(children);
                break;
            default:
                output.Append(pad).Append(name).Append(": ").Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static bool IsScalar(object value) => value is string or int or bool or Enum;

    private static string Scalar(object value) => value switch
    {
        string text => YamlScalar.Format(text),
        int number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        Enum member => YamlScalar.Format(SpecNaming.EnumValueOf(member)),
        _ => throw new NotSupportedException($"spec model type {value.GetType()} has no YAML spelling"),
    };
}
