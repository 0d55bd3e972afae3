using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Chtctl.Core.Rendering.Yaml;

/// <summary>
/// Writes a <see cref="YamlNode"/> tree in block style with two-space indents. Strings are written plain
/// only when no YAML 1.1 or 1.2 parser (docker-compose v1 uses PyYAML, v2 and Kubernetes Go YAML parsers)
/// could read them as anything but that string; multi-line text (a config file in a ConfigMap) as a literal
/// block so it stays readable; everything else is double-quoted with JSON-style escapes.
/// </summary>
public static partial class YamlWriter
{
    /// <summary>Words YAML 1.1 reads as booleans or null; plain, they would change type.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    };

    public static string Write(YamlMap root)
    {
        var text = new StringBuilder();
        WriteMap(text, root, 0);
        return text.ToString();
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent)
    {
        foreach (var (key, value) in map.Entries)
        {
            text.Append(' ', indent).Append(Scalar(key)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    private static void WriteValue(StringBuilder text, YamlNode value, int indent)
    {
        switch (value)
        {
            case YamlMap { Entries.Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlMap map:
                text.Append('\n');
                WriteMap(text, map, indent + 2);
                break;
            case YamlSeq { Items.Count: 0 }:
                text.Append(" []\n");
                break;
            case YamlSeq seq:
                text.Append('\n');
                WriteSeq(text, seq, indent + 2);
                break;
            case YamlScalar.Str { Value: var multiLine } when IsBlockSafe(multiLine):
                WriteBlock(text, multiLine, indent + 2);
                break;
            case YamlScalar scalar:
                text.Append(' ').Append(Scalar(scalar)).Append('\n');
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value));
        }
    }

    private static void WriteSeq(StringBuilder text, YamlSeq seq, int indent)
    {
        foreach (var item in seq.Items)
        {
            text.Append(' ', indent).Append('-');
            switch (item)
            {
                case YamlScalar scalar:
                    text.Append(' ').Append(Scalar(scalar)).Append('\n');
                    break;
                case YamlMap { Entries.Count: > 0 } map:
                    // The first key sits on the dash line; the rest line up under it.
                    var nested = new StringBuilder();
                    WriteMap(nested, map, indent + 2);
                    text.Append(' ').Append(nested.ToString(indent + 2, nested.Length - indent - 2));
                    break;
                default:
                    WriteValue(text, item, indent);
                    break;
            }
        }
    }

    /// <summary>
    /// A literal block keeps every character of text with line breaks, as long as its first line does not
    /// start with a space (that would need an indentation indicator) and it has no carriage returns or
    /// other control characters a block cannot hold.
    /// </summary>
    private static bool IsBlockSafe(string value) =>
        value.Contains('\n', StringComparison.Ordinal) && !value.StartsWith(' ') && !value.StartsWith('\n')
        && !value.Any(c => char.IsControl(c) && c is not '\n' and not '\t');

    private static void WriteBlock(StringBuilder text, string value, int indent)
    {
        // Chomping: '|' keeps one final line break, '|-' none, '|+' all of them.
        var chomp = !value.EndsWith('\n') ? "-" : value.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : "";
        text.Append(" |").Append(chomp).Append('\n');
        var body = chomp == "" ? value[..^1] : chomp == "+" ? value[..^1] : value;
        foreach (var line in body.Split('\n'))
        {
            if (line.Length > 0)
                text.Append(' ', indent).Append(line);
            text.Append('\n');
        }
    }

    private static string Scalar(YamlScalar scalar) => scalar switch
    {
        YamlScalar.Str s => Scalar(s.Value),
        YamlScalar.Int i => i.Value.ToString(CultureInfo.InvariantCulture),
        YamlScalar.Number n => n.Text,
        YamlScalar.Bool b => b.Value ? "true" : "false",
        _ => throw new ArgumentOutOfRangeException(nameof(scalar)),
    };

    /// <summary>A string as a plain scalar when that is unambiguous, else double-quoted.</summary>
    public static string Scalar(string value) =>
        PlainSafe().IsMatch(value) && !Reserved.Contains(value) ? value : Quote(value);

    private static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\t' => text.Append("\\t"),
                '\r' => text.Append("\\r"),
                _ when char.IsControl(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    // Starts with a letter, '_' or '/' (so never a number, '.inf', an indicator or a YAML 1.1 base-60
    // number like 80:80) and goes on with letters, digits and marks that mean nothing to YAML inside a
    // word. A ':' is fine inside (never followed by a space, which is excluded) but not at the end.
    [GeneratedRegex("^[A-Za-z_/][A-Za-z0-9_./@+:-]*(?<!:)$")]
    private static partial Regex PlainSafe();
}
