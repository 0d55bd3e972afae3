namespace Chtctl.Core.Collections;

/// <summary>Builds <see cref="EquatableList{T}"/>s: from collection expressions, and from whatever list a record is given.</summary>
public static class EquatableList
{
    public static EquatableList<T> Create<T>(ReadOnlySpan<T> items) => items.IsEmpty ? EquatableList<T>.Empty : new(items.ToArray());

    /// <summary>
    /// The items as an <see cref="EquatableList{T}"/>: the same instance when it already is one, else a copy,
    /// so a caller changing its own list afterwards cannot change the record that was given it.
    /// </summary>
    public static EquatableList<T> From<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items as EquatableList<T> ?? Create<T>([.. items]);
    }
}
