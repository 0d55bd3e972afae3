using System.Text.Json.Nodes;

namespace Chtctl.Testing.KubeApi;

/// <summary>
/// Label selectors as the API server parses them: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c>, <c>!k</c>,
/// <c>k in (a,b)</c>, <c>k notin (a,b)</c>, comma-separated and all required.
/// </summary>
public static class LabelSelector
{
    public static Func<JsonObject, bool> Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
            return _ => true;
        var requirements = Split(selector).Select(ParseOne).ToList();
        return o =>
        {
            var labels = o["metadata"]?["labels"] as JsonObject;
            return requirements.All(r => r(labels));
        };
    }

    private static IEnumerable<string> Split(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i].Trim();
                start = i + 1;
            }
        }
        yield return selector[start..].Trim();
    }

    private static Func<JsonObject?, bool> ParseOne(string requirement)
    {
        string? Value(JsonObject? labels, string key) => labels?[key]?.GetValue<string>();
        if (requirement.Contains(" notin ", StringComparison.Ordinal) || requirement.Contains(" in ", StringComparison.Ordinal))
        {
            var negate = requirement.Contains(" notin ", StringComparison.Ordinal);
            var parts = requirement.Split(negate ? " notin " : " in ", 2);
            var key = parts[0].Trim();
            var values = parts[1].Trim().Trim('(', ')').Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
            return labels => Value(labels, key) is { } v ? values.Contains(v) != negate : negate;
        }
        if (requirement.Contains("!=", StringComparison.Ordinal))
        {
            var parts = requirement.Split("!=", 2);
            return labels => Value(labels, parts[0].Trim()) != parts[1].Trim();
        }
        if (requirement.Contains('=', StringComparison.Ordinal))
        {
            var parts = requirement.Split('=', StringSplitOptions.RemoveEmptyEntries);
            return labels => Value(labels, parts[0].Trim()) == parts[^1].Trim();
        }
        if (requirement.StartsWith('!'))
            return labels => Value(labels, requirement[1..].Trim()) is null;
        return labels => Value(labels, requirement) is not null;
    }
}
