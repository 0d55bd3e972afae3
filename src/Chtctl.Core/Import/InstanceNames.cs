using System.Text.RegularExpressions;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Import;

/// <summary>Turns an upstream project or release name into an instance name (a DNS label).</summary>
internal static partial class InstanceNames
{
    public static bool IsLabel(string name) => Label().IsMatch(name);

    /// <summary>Lowercase, runs of other characters to '-', trimmed to 63; null when nothing usable is left.</summary>
    public static string? Sanitise(string name)
    {
        var label = Invalid().Replace(name.ToLowerInvariant(), "-").Trim('-');
        if (label.Length > 63)
            label = label[..63].TrimEnd('-');
        return label.Length > 0 && IsLabel(label) ? label : null;
    }

    [GeneratedRegex(DnsLabel.Pattern)]
    private static partial Regex Label();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Invalid();
}
