using System.Globalization;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;

namespace Chtctl.Cli.Commands.Compose;

/// <summary>
/// <c>chtctl status</c> on Compose: one row per container (state, health, image and CHT version, uptime,
/// restarts) and the chain HTTPS → nginx → api, HAProxy → each CouchDB node; exit 5 when anything is unhealthy.
/// </summary>
internal static class ComposeStatusOutput
{
    public static async Task<int> RunAsync(CliContext context, ComposeTarget target, OutputFormat format, CancellationToken cancellationToken)
    {
        var report = await target.Driver(context, TimeSpan.Zero).StatusAsync(cancellationToken).ConfigureAwait(false);
        var now = context.Clock.GetUtcNow();
        var components = report.Containers.Select(c => new
        {
            component = c.Service,
            container = c.Name,
            state = c.State,
            health = c.Health ?? "none",
            image = c.Image,
            version = Version(c.Image, target),
            uptimeSeconds = c.Running && c.StartedAt is { } started ? (long?)(now - started).TotalSeconds : null,
            restarts = c.RestartCount,
        }).ToArray();
        var chain = report.Chain.Select(h => new { check = h.Gate.Name, component = h.Gate.Service, ok = h.Problem is null, problem = h.Problem }).ToArray();
        if (format == OutputFormat.Json)
        {
            Json.Write(context.Out, new { instance = target.Name, chtVersion = target.Instance.ChtVersion, healthy = report.Healthy, components, chain, lastChange = report.LastSuccess });
            return report.Healthy ? ExitCodes.Success : ExitCodes.Unhealthy;
        }
        if (components.Length == 0)
        {
            context.Out.WriteLine($"'{target.Name}' is not running on this host (home {target.Instance.Layout.Home}); 'chtctl up' starts it.");
            return ExitCodes.Unhealthy;
        }
        context.Out.WriteLine("COMPONENT         STATE     HEALTH     VERSION   UPTIME    RESTARTS  IMAGE");
        foreach (var c in components)
            context.Out.WriteLine($"{c.component,-17} {c.state,-9} {c.health,-10} {c.version ?? "-",-9} {Uptime(c.uptimeSeconds),-9} {c.restarts,-9} {c.image}");
        context.Out.WriteLine();
        context.Out.WriteLine("CHAIN");
        foreach (var hop in chain)
            context.Out.WriteLine($"{(hop.ok ? "OK    " : "FAILED")} {hop.check}{(hop.ok ? "" : ": " + hop.problem)}");
        return report.Healthy ? ExitCodes.Success : ExitCodes.Unhealthy;
    }

    /// <summary>The CHT version an image carries: the tag of Medic's release images, none for the others.</summary>
    private static string? Version(string image, ComposeTarget target) =>
        image.StartsWith(target.Instance.Spec.Cht.Registry + "/cht-", StringComparison.Ordinal) && image.LastIndexOf(':') is var colon and > 0
            ? image[(colon + 1)..]
            : null;

    private static string Uptime(long? seconds) => seconds switch
    {
        null => "-",
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds}s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m"),
        < 172800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400}d"),
    };
}
