using System.Globalization;
using Chtctl.Core.Driving;

namespace Chtctl.Cli.Output;

/// <summary><c>chtctl history</c> for people: one row per recorded change, oldest first.</summary>
internal static class HistoryOutput
{
    public static void Write(CliContext context, string instance, string location, IReadOnlyList<HistoryEntry> entries)
    {
        if (entries.Count == 0)
        {
            context.Out.WriteLine($"No changes recorded for '{instance}' ({location}).");
            return;
        }
        var table = Tables.Create("ENTRY", "TIME", "VERB", "CHT", "SPEC HASH", "CHTCTL", "RESULT", "MESSAGE");
        foreach (var e in entries)
        {
            table.AddRow([e.Number.ToString(CultureInfo.InvariantCulture), e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                e.Verb, e.ChtVersion, e.SpecHash, e.ChtctlVersion, e.Result, e.Message ?? ""]);
        }
        Tables.Write(context, table);
    }
}
