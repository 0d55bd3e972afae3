using System.Collections;
using System.Runtime.CompilerServices;

namespace Chtctl.Core.Collections;

/// <summary>
/// An immutable list equal to another with the same items in the same order. Records holding lists store
/// one of these behind their <see cref="IReadOnlyList{T}"/> properties, so the compiler's record equality
/// (which calls each member's <see cref="object.Equals(object)"/>) compares content: two specs parsed from the
/// same file are equal, and change detection is a plain <c>==</c>. The property types stay interfaces, so the
/// spec binder, schema and reference generators, and every caller writing <c>[...]</c>, are unchanged.
/// </summary>
[CollectionBuilder(typeof(EquatableList), nameof(EquatableList.Create))]
public sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly T[] _items;

    internal EquatableList(T[] items) => _items = items;

    public static EquatableList<T> Empty { get; } = new([]);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public bool Equals(EquatableList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default));

    public override bool Equals(object? obj) => obj is EquatableList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
            hash.Add(item);
        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
