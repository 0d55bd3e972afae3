using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Chtctl.Core.Writing;

/// <summary>
/// Spells a text value as a YAML scalar: plain when that reads back as the same text under both YAML 1.1
/// and 1.2 resolvers (so other tools read it the same way), double-quoted otherwise.
/// </summary>
internal static partial class YamlScalar
{
    public static string Format(string value) => IsSafePlain(value) ? value : DoubleQuoted(value);

    private static bool IsSafePlain(string value) =>
        PlainShape().IsMatch(value)
        && !value.Contains(": ", StringComparison.Ordinal)
        && !value.EndsWith(':')
        && !value.EndsWith(' ')
        && !ImplicitlyTyped().IsMatch(value);

    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '"': text.Append("\\\""); break;
                case '\0': text.Append(@"\0"); break;
                case '\t': text.Append(@"\t"); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\u0085': text.Append(@"\N"); break;
                case '\u2028': text.Append(@"\L"); break;
                case '\u2029': text.Append(@"\P"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        text.Append(c).Append(value[++i]);
                    // Control characters, the byte-order mark and lone surrogates cannot appear raw in a YAML stream.
                    else if (char.IsControl(c) || c == '\uFEFF' || char.IsSurrogate(c))
                        text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    else
                        text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>Starts with a letter, digit, '_', '/' or '.'; continues with characters that have no meaning inside a plain scalar.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_/.][A-Za-z0-9_./@%+=,:~ -]*\z")]
    private static partial Regex PlainShape();

    /// <summary>Values a YAML 1.1 or 1.2 reader would take as null, a boolean, a number or a timestamp.</summary>
    [GeneratedRegex(@"^(null|Null|NULL|~|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
        + @"|[-+]?(\.[0-9]+|[0-9][0-9_]*)(\.[0-9_]*)?([eE][-+]?[0-9]+)?"
        + @"|[-+]?0x[0-9a-fA-F_]+|[-+]?0o?[0-7_]+|[-+]?0b[01_]+"
        + @"|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"
        + @"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
        + @"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)\z")]
    private static partial Regex ImplicitlyTyped();
}
