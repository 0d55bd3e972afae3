namespace Chtctl.Core.Driving;

/// <summary>Which history entry a rollback returns to, on every target.</summary>
public static class RollbackTarget
{
    /// <summary>
    /// The entry numbered <paramref name="to"/>, or else the last successful change before the newest one — so
    /// after a failed change it is the last good state, and after a good one the state before it.
    /// </summary>
    public static HistoryEntry Choose(IReadOnlyList<HistoryEntry> history, int? to, string location)
    {
        ArgumentNullException.ThrowIfNull(history);
        var changes = history.Where(e => HistoryVerbs.LeavesItRunning(e.Verb)).ToList();
        if (changes.Count == 0)
            throw new RollbackTargetException($"no changes are recorded in {location}: there is nothing to roll back to");
        if (to is { } number)
        {
            return changes.FirstOrDefault(e => e.Number == number)
                ?? throw new RollbackTargetException($"no history entry {number} to roll back to: the recorded changes are {string.Join(", ", changes.Select(e => e.Number))}");
        }
        return changes.SkipLast(1).LastOrDefault(e => e.IsSuccess)
            ?? throw new RollbackTargetException("no earlier successful change to roll back to; name a history entry with --to");
    }
}
