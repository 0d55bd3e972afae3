using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chtctl.Compose.Driver.State;

/// <summary>One change to a Compose instance, as kept in its history file.</summary>
public sealed record HistoryRecord(
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
}

/// <summary>
/// <c>&lt;home&gt;/history/history.jsonl</c>: one JSON line per change, appended and flushed, so a crash loses at
/// most the record being written and the file stays readable with <c>tail</c> and <c>jq</c>. No secrets go in.
/// </summary>
public sealed class ComposeHistory(string directory)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public string File => Path.Combine(directory, "history.jsonl");

    public IReadOnlyList<HistoryRecord> Read()
    {
        if (!System.IO.File.Exists(File))
            return [];
        var records = new List<HistoryRecord>();
        foreach (var line in System.IO.File.ReadLines(File, Encoding.UTF8))
        {
            if (line.Trim().Length == 0)
                continue;
            try
            {
                if (JsonSerializer.Deserialize<HistoryRecord>(line, Options) is { } record)
                    records.Add(record);
            }
            catch (JsonException)
            {
                // A line cut short by a crash is skipped; the records around it are still good.
            }
        }
        return records;
    }

    public HistoryRecord? LastSuccess() => Read().LastOrDefault(r => r.IsSuccess && r.Verb != "destroy");

    /// <summary>Renames the history file aside (its records stay readable) so the instance starts a new one; returns the new name.</summary>
    public string Archive(DateTimeOffset now)
    {
        var archived = Path.Combine(directory, $"history-until-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.jsonl");
        if (System.IO.File.Exists(File))
            System.IO.File.Move(File, archived, overwrite: true);
        return archived;
    }

    public HistoryRecord Append(HistoryRecord record)
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
