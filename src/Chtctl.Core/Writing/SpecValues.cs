using Chtctl.Core.Parsing;

namespace Chtctl.Core.Writing;

/// <summary>
/// Structural equality of spec values. Records compare their lists and maps by reference, which would make
/// every default list look changed; the writer needs "same content" to leave defaults out.
/// </summary>
internal static class SpecValues
{
    public static bool Equal(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (IReadOnlyDictionary<string, string> x, IReadOnlyDictionary<string, string> y) =>
            x.Count == y.Count && x.All(pair => y.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.Ordinal)),
        (IReadOnlyList<string> x, IReadOnlyList<string> y) => x.SequenceEqual(y, StringComparer.Ordinal),
        _ when a.GetType() == b.GetType() && SpecNaming.IsRecord(a.GetType()) =>
            SpecNaming.KeysOf(a.GetType()).All(p => Equal(p.GetValue(a), p.GetValue(b))),
        _ => a.Equals(b),
    };
}
