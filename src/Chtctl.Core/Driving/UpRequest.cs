using Chtctl.Core.Versions;

namespace Chtctl.Core.Driving;

/// <summary>One run of <see cref="IInstanceDriver.UpAsync"/>: <c>up</c>, or an upgrade or rollback at another version.</summary>
public sealed record UpRequest
{
    /// <summary>What is recorded in history: <see cref="HistoryVerbs.Up"/>, <see cref="HistoryVerbs.Upgrade"/>, <see cref="HistoryVerbs.Rollback"/>.</summary>
    public string Verb { get; init; } = HistoryVerbs.Up;

    /// <summary>The CHT version to run; null for the instance file's (pinned to history for a line or <c>latest</c>).</summary>
    public ChtVersion? Version { get; init; }

    /// <summary>How long the health gates (Compose) or each wave (Kubernetes) may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    public bool AllowDowngrade { get; init; }

    /// <summary>Kubernetes: take back fields another field manager changed. Compose has no field managers.</summary>
    public bool TakeOverFields { get; init; }

    /// <summary>Kubernetes: also delete volumes that left the instance. Compose keeps volumes until <c>destroy --delete-data</c>.</summary>
    public bool DeleteDataThatLeft { get; init; }

    /// <summary>
    /// An upgrade or rollback that finds its version already applied (an earlier run was interrupted before it
    /// recorded) still records it, so history says what runs; a plain <c>up</c> with no change records nothing.
    /// </summary>
    public bool RecordsWithoutChanges(IEnumerable<HistoryEntry> history, string chtVersion) =>
        Verb != HistoryVerbs.Up && HistoryEntry.LastRunning(history)?.ChtVersion != chtVersion;
}
