using System.Globalization;
using Chtctl.Core.Reporting;
using Chtctl.Core.Versions;

namespace Chtctl.Core.Driving;

/// <summary>
/// Going to an older CHT version than the instance last ran is refused unless allowed, on every target: CHT
/// migrates data forward only, so an older release may not open what a newer one wrote.
/// </summary>
public static class DowngradeGuard
{
    /// <summary>Throws <see cref="DowngradeRefusedException"/> for a downgrade that was not allowed; warns for one that was.</summary>
    public static void Check(string instance, IEnumerable<HistoryEntry> history, ChtVersion wanted, bool allowDowngrade, string? recordedStateFile, IDriverReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        if (HistoryEntry.LastRunning(history) is not { } last || !ChtVersion.TryParse(last.ChtVersion, out var running) || wanted >= running)
            return;
        if (allowDowngrade)
        {
            reporter.Warn($"downgrading CHT {running} to {wanted} (--allow-downgrade): CouchDB data is not rolled back");
            return;
        }
        // After 'chtctl upgrade' (or the admin UI's upgrade service) the operator's file still names the old
        // version: say where the newer one came from and what to write, rather than only "downgrade".
        var why = last.Verb == HistoryVerbs.Upgrade
            ? string.Create(CultureInfo.InvariantCulture, $"'{instance}' was upgraded to CHT {running} on {last.Time.UtcDateTime:yyyy-MM-dd HH:mm} UTC by 'chtctl upgrade' (history entry {last.Number}), and the instance file still names {wanted}: set 'cht.version: {running}' in the instance file")
                + (recordedStateFile is null ? "" : $" (the recorded state is in {recordedStateFile})") + $". Going back to {wanted} is a downgrade"
            : string.Create(CultureInfo.InvariantCulture, $"'{instance}' runs CHT {running} (history entry {last.Number}); going to {wanted} is a downgrade");
        throw new DowngradeRefusedException(why + ", which CHT does not migrate data for. "
            + "Pass --allow-downgrade if you mean it (CouchDB data is not rolled back: restore a backup of the older version instead).");
    }
}
