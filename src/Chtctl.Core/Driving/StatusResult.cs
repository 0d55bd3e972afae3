namespace Chtctl.Core.Driving;

/// <summary>
/// One look at an instance: each component and the chain of checks from the edge to every CouchDB node.
/// <see cref="Installed"/> is false when nothing of the instance runs (no containers, no Deployments).
/// </summary>
public sealed record StatusResult(
    string Instance,
    string Target,
    string Location,
    string? ChtVersion,
    bool Installed,
    IReadOnlyList<ComponentState> Components,
    IReadOnlyList<ChainCheck> Chain,
    HistoryEntry? LastChange)
{
    public bool Healthy => Installed && Components.Count > 0 && Components.All(c => c.Healthy) && Chain.All(c => c.Ok);

    /// <summary>What the chain covers and what it does not, on this target.</summary>
    public string? ChainScope { get; init; }
}
