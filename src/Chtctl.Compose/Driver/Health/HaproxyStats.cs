namespace Chtctl.Compose.Driver.Health;

/// <summary>One server line of HAProxy's CSV statistics.</summary>
public sealed record HaproxyServer(string Name, string Status, string Check);

/// <summary>Reads HAProxy's <c>;csv</c> statistics: header <c># pxname,svname,…,status,…,check_status,…</c>.</summary>
public static class HaproxyStats
{
    public static IReadOnlyList<HaproxyServer> Servers(string csv, string backend)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("# ", StringComparison.Ordinal))
            return [];
        var header = lines[0][2..].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        int px = Column("pxname"), sv = Column("svname"), status = Column("status"), check = Column("check_status");
        return [.. lines.Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f.Length > Math.Max(status, sv) && f[px] == backend && f[sv] is not ("FRONTEND" or "BACKEND"))
            .Select(f => new HaproxyServer(f[sv], f[status], check >= 0 && check < f.Length ? f[check] : ""))];
    }
}
