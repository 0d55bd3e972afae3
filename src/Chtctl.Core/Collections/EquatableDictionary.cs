using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Chtctl.Core.Collections;

/// <summary>
/// An immutable dictionary equal to another with the same keys and values, whatever their order; it
/// enumerates in the order it was given (the binder's and the release catalogue's sorted order). See
/// <see cref="EquatableList{T}"/> for why records store these behind their interface-typed properties.
/// </summary>
public sealed class EquatableDictionary<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>, IEquatable<EquatableDictionary<TKey, TValue>>
    where TKey : notnull
{
    private readonly KeyValuePair<TKey, TValue>[] _entries;
    private readonly Dictionary<TKey, TValue> _lookup;

    private EquatableDictionary(KeyValuePair<TKey, TValue>[] entries, Dictionary<TKey, TValue> lookup)
    {
        _entries = entries;
        _lookup = lookup;
    }

    public static EquatableDictionary<TKey, TValue> Empty { get; } = new([], []);

    /// <summary>The entries as an <see cref="EquatableDictionary{TKey, TValue}"/>: the same instance when it already is one, else a copy.</summary>
    public static EquatableDictionary<TKey, TValue> From(IEnumerable<KeyValuePair<TKey, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries is EquatableDictionary<TKey, TValue> equatable)
            return equatable;
        var copy = entries.ToArray();
        return copy.Length == 0 ? Empty : new(copy, new Dictionary<TKey, TValue>(copy));
    }

    public int Count => _entries.Length;

    public TValue this[TKey key] => _lookup[key];

    public IEnumerable<TKey> Keys => _entries.Select(e => e.Key);

    public IEnumerable<TValue> Values => _entries.Select(e => e.Value);

    public bool ContainsKey(TKey key) => _lookup.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _lookup.TryGetValue(key, out value);

    public bool Equals(EquatableDictionary<TKey, TValue>? other) =>
        other is not null && (ReferenceEquals(this, other) || (Count == other.Count
            && _entries.All(e => other._lookup.TryGetValue(e.Key, out var value) && EqualityComparer<TValue>.Default.Equals(e.Value, value))));

    public override bool Equals(object? obj) => obj is EquatableDictionary<TKey, TValue> other && Equals(other);

    /// <summary>Independent of order, as equality is: a sum of each entry's hash.</summary>
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in _entries)
            hash = unchecked(hash + HashCode.Combine(key, value));
        return hash;
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<TKey, TValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"{e.Key}: {e.Value}")) + "}";
}
