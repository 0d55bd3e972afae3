using System.Text;
using System.Text.RegularExpressions;
using Chtctl.Core.Parsing;

namespace Chtctl.Core.Import.Env;

/// <summary>One <c>KEY=value</c> of a .env file, with where the key and the value start.</summary>
internal sealed record EnvEntry(string Key, string Value, SourceLocation KeyLocation, SourceLocation ValueLocation, bool SingleQuoted);

/// <summary>
/// Reads a .env as docker compose does: blank lines and <c>#</c> comments skipped, an optional <c>export </c>,
/// values bare (an inline comment needs a space before '#'), in double quotes (with \n, \t, \\ and \" escapes,
/// possibly over several lines) or in single quotes (literal). The last of a repeated key wins.
/// </summary>
internal static partial class EnvFile
{
    public static IReadOnlyList<EnvEntry> Parse(string text, ImportContext context)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var entries = new Dictionary<string, EnvEntry>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var start = line.Length - line.TrimStart().Length;
            var body = line.Trim();
            if (body.Length == 0 || body.StartsWith('#'))
                continue;

            var match = Assignment().Match(line);
            if (!match.Success)
            {
                context.Error("", new SourceLocation(i + 1, start + 1), $"expected KEY=value, found '{body}'",
                    "a .env line is a variable name, '=', and its value; comments start with '#'");
                continue;
            }

            var key = match.Groups["key"].Value;
            var keyAt = new SourceLocation(i + 1, match.Groups["key"].Index + 1);
            var valueStart = match.Index + match.Length;
            var valueAt = new SourceLocation(i + 1, valueStart + 1);
            var (value, singleQuoted, lastLine) = Value(lines, i, valueStart, key, context);
            i = lastLine;
            if (entries.TryGetValue(key, out var earlier))
                context.Warning(key, keyAt, $"{key} was already set on line {earlier.KeyLocation.Line}; this later value is used, as docker compose does");
            entries[key] = new EnvEntry(key, value, keyAt, valueAt, singleQuoted);
        }

        return entries.Values.OrderBy(e => e.KeyLocation.Line).ToArray();
    }

    private static (string Value, bool SingleQuoted, int LastLine) Value(string[] lines, int index, int start, string key, ImportContext context)
    {
        var rest = lines[index][start..];
        if (rest.StartsWith('"') || rest.StartsWith('\''))
        {
            var quote = rest[0];
            var value = new StringBuilder();
            var line = index;
            var text = rest[1..];
            while (true)
            {
                for (var i = 0; i < text.Length; i++)
                {
                    var c = text[i];
                    if (c == quote)
                    {
                        var after = text[(i + 1)..].Trim();
                        if (after.Length > 0 && !after.StartsWith('#'))
                            context.Warning(key, new SourceLocation(line + 1, 1), $"text after the closing quote is ignored: '{after}'");
                        return (value.ToString(), quote == '\'', line);
                    }

                    if (quote == '"' && c == '\\' && i + 1 < text.Length)
                    {
                        value.Append(text[++i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
                        continue;
                    }

                    value.Append(c);
                }

                if (++line >= lines.Length)
                {
                    context.Error(key, new SourceLocation(index + 1, start + 1), $"the quoted value of {key} is never closed", $"end it with {quote}");
                    return (value.ToString(), quote == '\'', lines.Length - 1);
                }

                value.Append('\n');
                text = lines[line];
            }
        }

        var comment = InlineComment().Match(rest);
        return ((comment.Success ? rest[..comment.Index] : rest).Trim(), false, index);
    }

    [GeneratedRegex(@"^\s*(export\s+)?(?<key>[A-Za-z_][A-Za-z0-9_.]*)\s*=\s*")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\s#")]
    private static partial Regex InlineComment();
}
