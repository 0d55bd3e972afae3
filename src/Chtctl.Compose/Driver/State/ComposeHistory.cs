using System.Text;
using System.Text.Json;
using Chtctl.Core.Driving;

namespace Chtctl.Compose.Driver.State;

/// <summary>
/// <c>&lt;home&gt;/history/history.jsonl</c>: one JSON line per change, appended and flushed, so a crash loses at
/// most the record being written and the file stays readable with <c>tail</c> and <c>jq</c>. No secrets go in.
/// </summary>
public sealed class ComposeHistory(string directory)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public string File => Path.Combine(directory, "history.jsonl");

    public IReadOnlyList<HistoryEntry> Read()
    {
        if (!System.IO.File.Exists(File))
            return [];
        var records = new List<HistoryEntry>();
        foreach (var line in System.IO.File.ReadLines(File, Encoding.UTF8))
        {
            if (line.Trim().Length == 0)
                continue;
            try
            {
                if (JsonSerializer.Deserialize<HistoryEntry>(line, Options) is { } record)
                    records.Add(record);
            }
            catch (JsonException)
            {
                // A line cut short by a crash is skipped; the records around it are still good.
            }
        }
        return records;
    }

    /// <summary>Renames the history file aside (its records stay readable) so the instance starts a new one; returns the new name.</summary>
    public string Archive(DateTimeOffset now)
    {
        var archived = Path.Combine(directory, $"history-until-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.jsonl");
        if (System.IO.File.Exists(File))
            System.IO.File.Move(File, archived, overwrite: true);
        return archived;
    }

    public HistoryEntry Append(HistoryEntry record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Directory.CreateDirectory(directory);
        var numbered = record with { Number = Read().Select(r => r.Number).DefaultIfEmpty(0).Max() + 1 };
        using var stream = new FileStream(File, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(numbered, Options) + "\n"));
        stream.Flush(flushToDisk: true);
        return numbered;
    }
}
