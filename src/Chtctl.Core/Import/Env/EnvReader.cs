using System.Globalization;
using Chtctl.Core.Parsing;

namespace Chtctl.Core.Import.Env;

/// <summary>Typed reads of .env variables; tracks which were read so the rest can be reported.</summary>
internal sealed class EnvReader(IReadOnlyList<EnvEntry> entries, ImportContext context)
{
    private readonly Dictionary<string, EnvEntry> _entries = entries.ToDictionary(e => e.Key, StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly HashSet<string> _explained = new(StringComparer.Ordinal);

    public ImportContext Context => context;

    public bool Has(string key) => _entries.ContainsKey(key);

    public SourceLocation Locate(string key) => _entries.TryGetValue(key, out var entry) ? entry.KeyLocation : SourceLocation.None;

    /// <summary>The value of a variable; null when absent or empty (compose treats both as unset for :- defaults).</summary>
    public string? Text(string key, bool secret = false)
    {
        if (!_entries.TryGetValue(key, out var entry))
            return null;
        _read.Add(key);
        if (entry.Value.Length == 0)
            return null;
        if (secret ? Placeholders.Whole(entry.Value) : Placeholders.In(entry.Value))
        {
            context.Error(key, entry.KeyLocation, $"placeholder left in: '{(secret ? "<…>" : entry.Value)}'", "replace it with the value the instance runs with");
            return null;
        }

        if (!entry.SingleQuoted && entry.Value.Contains('$', StringComparison.Ordinal))
            context.Warning(key, entry.KeyLocation, "the value holds '$': docker compose would substitute variables there; chtctl took the text as written",
                "if that is not the value the instance runs with, write the substituted value (or single-quote it)");
        return entry.Value;
    }

    public int? Port(string key)
    {
        if (Text(key) is not { } text)
            return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
            return port;
        context.Error(key, Locate(key), $"expected a port number from 1 to 65535, found '{text}'");
        return null;
    }

    /// <summary>Marks a variable read and notes why chtctl does not need it.</summary>
    public void NotNeeded(string key, string why)
    {
        if (!Has(key) || !_explained.Add(key))
            return;
        _read.Add(key);
        context.Info(key, Locate(key), $"not needed: {why}");
    }

    /// <summary>Marks a variable read and warns that what it did is not carried over.</summary>
    public void Ignore(string key, string why, string? hint = null)
    {
        if (!Has(key) || !_explained.Add(key))
            return;
        _read.Add(key);
        context.Warning(key, Locate(key), $"ignored: {why}", hint);
    }

    public IEnumerable<EnvEntry> Unread() => _entries.Values.Where(e => !_read.Contains(e.Key)).OrderBy(e => e.KeyLocation.Line);
}
