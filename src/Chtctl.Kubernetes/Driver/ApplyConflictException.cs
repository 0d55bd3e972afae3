namespace Chtctl.Kubernetes.Driver;

/// <summary>A field chtctl wants to set is owned by another field manager with a different value.</summary>
public sealed record FieldConflict(string Field, string Manager);

/// <summary>Server-side apply refused (409) because other field managers own fields chtctl would change.</summary>
public sealed class ApplyConflictException(string objectName, IReadOnlyList<FieldConflict> conflicts, string serverMessage)
    : Exception($"{objectName}: {serverMessage}")
{
    public string ObjectName { get; } = objectName;

    public IReadOnlyList<FieldConflict> Conflicts { get; } = conflicts;

    public string Explain() =>
        $"{ObjectName} has fields owned by another field manager: "
        + string.Join("; ", Conflicts.Select(c => $"{c.Field} (owned by \"{c.Manager}\")"))
        + ". Someone changed them outside chtctl; put the change into the instance file, or run again with --force to take the fields back.";
}

/// <summary>An object with the name chtctl needs exists but belongs to something else; chtctl never adopts it.</summary>
public sealed class ForeignObjectException(string message) : Exception(message);
