using Chtctl.Core.Parsing;

namespace Chtctl.Core.Tests.Writing;

/// <summary>
/// Deep comparison of specs for tests. Kept apart from the writer's own comparison on purpose: a writer bug
/// must not be hidden by the same bug in the check.
/// </summary>
internal static class SpecAssert
{
    public static void Equal(object expected, object actual) =>
        Assert.True(FirstDifference(expected, actual, "") is not { } path, $"specs differ at '{FirstDifference(expected, actual, "")}'");

    public static string? FirstDifference(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : path;
        if (expected is string || expected.GetType().IsValueType)
            return expected.Equals(actual) ? null : $"{path} (expected '{expected}', found '{actual}')";
        if (expected is IReadOnlyDictionary<string, string> map)
        {
            var other = (IReadOnlyDictionary<string, string>)actual;
            var keys = map.Keys.Union(other.Keys).Order(StringComparer.Ordinal);
            return keys.FirstOrDefault(k => !map.TryGetValue(k, out var a) || !other.TryGetValue(k, out var b) || a != b) is { } key
                ? $"{path}.{key}" : null;
        }

        if (expected is IReadOnlyList<string> list)
        {
            var other = (IReadOnlyList<string>)actual;
            if (list.Count != other.Count)
                return $"{path} (expected {list.Count} items, found {other.Count})";
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] != other[i])
                    return $"{path}[{i}] (expected '{list[i]}', found '{other[i]}')";
            }

            return null;
        }

        foreach (var property in SpecNaming.KeysOf(expected.GetType()))
        {
            var childPath = path.Length == 0 ? SpecNaming.KeyOf(property) : $"{path}.{SpecNaming.KeyOf(property)}";
            if (FirstDifference(property.GetValue(expected), property.GetValue(actual), childPath) is { } difference)
                return difference;
        }

        return null;
    }
}
