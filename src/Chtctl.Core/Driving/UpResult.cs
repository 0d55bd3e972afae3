namespace Chtctl.Core.Driving;

/// <summary>How one <see cref="IInstanceDriver.UpAsync"/> ended.</summary>
/// <param name="ChtVersion">The version it brought up.</param>
/// <param name="Address">Where people reach the instance: the edge's URL (Compose) or the namespace (Kubernetes).</param>
/// <param name="Changed">True when anything was created, changed or removed.</param>
/// <param name="Summary">What changed, counted (<c>1 to add, 2 to change, 0 to remove</c>, <c>3 created, 1 changed</c>).</param>
/// <param name="Entry">The history entry recorded; null when nothing changed.</param>
/// <param name="Failure">The health gate that failed; null when healthy.</param>
public sealed record UpResult(
    string Instance,
    string Target,
    string Location,
    string Verb,
    string ChtVersion,
    string Address,
    bool Changed,
    string Summary,
    HistoryEntry? Entry,
    HealthFailure? Failure)
{
    public bool Healthy => Failure is null;

    /// <summary>Notes for the operator (a renewed certificate, what was kept).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
