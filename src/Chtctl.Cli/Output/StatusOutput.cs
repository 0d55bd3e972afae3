using System.Globalization;
using Chtctl.Core.Driving;

namespace Chtctl.Cli.Output;

/// <summary><c>chtctl status</c> for people: a table of the components, then each check of the chain.</summary>
internal static class StatusOutput
{
    public static void Write(CliContext context, StatusResult status)
    {
        if (!status.Installed)
        {
            context.Out.WriteLine($"'{status.Instance}' is not running ({status.Location}); 'chtctl up' starts it.");
            return;
        }
        var components = Tables.Create("COMPONENT", "STATE", "HEALTH", "READY", "RESTARTS", "VERSION", "UPTIME", "IMAGE", "PROBLEM");
        foreach (var c in status.Components)
        {
            components.AddRow([c.Name, c.State, c.Health, string.Create(CultureInfo.InvariantCulture, $"{c.Ready}/{c.Desired}"),
                c.Restarts.ToString(CultureInfo.InvariantCulture), c.Version, Uptime(c.UptimeSeconds), string.Join(", ", c.Images), c.Problem ?? ""]);
        }
        Tables.Write(context, components);
        context.Out.WriteLine();
        context.Out.WriteLine(status.ChainScope is null ? "CHAIN" : $"CHAIN ({status.ChainScope})");
        foreach (var check in status.Chain)
        {
            var how = check.Request is null ? "" : $" ({check.Request}{(check.Via is null ? "" : " via " + check.Via)})";
            context.Out.WriteLine($"{(check.Ok ? "OK    " : "FAILED")} {check.Check}{how}{(check.Ok ? "" : ": " + check.Problem)}");
        }
        context.Out.WriteLine();
        context.Out.WriteLine(status.Healthy ? $"'{status.Instance}' is healthy (CHT {status.ChtVersion ?? "unknown"})." : $"'{status.Instance}' is NOT healthy: see the problems above.");
    }

    private static string? Uptime(long? seconds) => seconds switch
    {
        null => null,
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds}s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m"),
        < 172800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400}d"),
    };
}
