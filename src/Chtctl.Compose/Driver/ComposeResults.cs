using System.Globalization;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.Planning;
using Chtctl.Compose.Driver.State;
using Chtctl.Core.Driving;
using Chtctl.Core.Spec;

namespace Chtctl.Compose.Driver;

/// <summary>Compose's own findings in the shapes every target returns.</summary>
internal static class ComposeResults
{
    public static IReadOnlyList<PlannedChange> Changes(ComposePlan plan) =>
    [
        .. plan.Services.Select(s => new PlannedChange("service", s.Service, $"service {s.Service}", Action(s.Action), s.Details)),
        .. plan.Files.Select(f => new PlannedChange("file", f.File, $"file {f.File}", f.Change switch
        {
            FileChange.Add => PlanAction.Add,
            FileChange.Remove => PlanAction.Remove,
            _ => PlanAction.Change,
        }, [])),
        .. plan.Certificates.Select(c => new PlannedChange("certificate", "edge", "edge certificate", PlanAction.Change, [c])),
    ];

    private static PlanAction Action(ServiceAction action) => action switch
    {
        ServiceAction.Add => PlanAction.Add,
        ServiceAction.Start => PlanAction.Start,
        ServiceAction.Remove => PlanAction.Remove,
        _ => PlanAction.Change,
    };

    public static IReadOnlyList<ComponentState> Components(IReadOnlyList<ContainerInfo> containers, string registry, DateTimeOffset now) =>
        [.. containers.OrderBy(c => c.Service, StringComparer.Ordinal).Select(c => new ComponentState(
            c.Service,
            c.State,
            c.Health ?? "none",
            c.Healthy ? 1 : 0,
            1,
            c.RestartCount,
            Version(c.Image, registry),
            [c.Image],
            c.Running && c.StartedAt is { } started ? (long)(now - started).TotalSeconds : null,
            c.Healthy ? null : string.Create(CultureInfo.InvariantCulture, $"container {c.Name} is {c.State}{(c.Health is null ? "" : ", " + c.Health)}")))];

    /// <summary>The CHT version an image carries: the tag of Medic's release images, none for the others.</summary>
    private static string? Version(string image, string registry) =>
        image.StartsWith(registry + "/cht-", StringComparison.Ordinal) && image.LastIndexOf(':') is var colon and > 0
            ? image[(colon + 1)..]
            : null;

    /// <summary>Where people reach the instance: its host over HTTPS on the published port.</summary>
    public static string Url(InstanceSpec spec)
    {
        var port = spec.Compose.Ports.Https;
        return $"https://{spec.Tls.Host ?? "localhost"}" + (port == 443 ? "" : string.Create(CultureInfo.InvariantCulture, $":{port}"));
    }
}
