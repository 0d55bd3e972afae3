using System.Text.Json.Serialization;

namespace Chtctl.Core.Driving;

/// <summary>
/// One recorded change to an instance, the same on every target: Compose keeps one JSON line per entry in
/// <c>&lt;home&gt;/history/history.jsonl</c>, Kubernetes one Secret per entry (a revision) in the namespace.
/// </summary>
/// <param name="Number">Counts up from 1 for the instance; Kubernetes rolls back to an entry by this number.</param>
/// <param name="Verb">What made the change (<see cref="HistoryVerbs"/>).</param>
/// <param name="ChtVersion">The CHT version the instance ran after the change.</param>
/// <param name="SpecHash">The first 16 hex digits of the SHA-256 of the effective instance settings (<see cref="SpecHash"/>).</param>
/// <param name="Result"><see cref="Succeeded"/> or <see cref="Failed"/>.</param>
/// <param name="Message">What changed, or what failed and why.</param>
public sealed record HistoryEntry(
    int Number,
    DateTimeOffset Time,
    string Verb,
    string ChtVersion,
    string SpecHash,
    string Result,
    string ChtctlVersion,
    string? Message = null)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    [JsonIgnore]
    public bool IsSuccess => Result == Succeeded;

    /// <summary>The entry that says what runs now: the last successful <c>up</c>, <c>upgrade</c> or <c>rollback</c>.</summary>
    public static HistoryEntry? LastRunning(IEnumerable<HistoryEntry> entries) =>
        entries.LastOrDefault(e => e.IsSuccess && HistoryVerbs.LeavesItRunning(e.Verb));
}
