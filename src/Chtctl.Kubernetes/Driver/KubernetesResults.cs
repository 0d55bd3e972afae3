using Chtctl.Core.Driving;

namespace Chtctl.Kubernetes.Driver;

/// <summary>The Kubernetes driver's findings in the shapes every target returns.</summary>
internal static class KubernetesResults
{
    public static IReadOnlyList<PlannedChange> Changes(ObjectPlan plan) =>
        [.. plan.Changes.Select(c => new PlannedChange(KindOf(c.Object), NameOf(c.Object), c.Object, c.Action switch
        {
            ObjectAction.Add => PlanAction.Add,
            ObjectAction.Remove => PlanAction.Remove,
            ObjectAction.Conflict => PlanAction.Conflict,
            _ => PlanAction.Change,
        }, c.Fields))];

    public static IReadOnlyList<ComponentState> Components(IReadOnlyList<ComponentStatus> components) =>
        [.. components.Select(c => new ComponentState(
            c.Name,
            c.Healthy ? "ready" : "not-ready",
            c.Healthy ? "healthy" : "unhealthy",
            c.Ready,
            c.Desired,
            c.Restarts,
            c.Version,
            c.Images,
            null,
            c.Healthy ? null : c.Problem ?? $"{c.Ready}/{c.Desired} ready"))];

    public static IReadOnlyList<ChainCheck> Chain(IReadOnlyList<ChainHop> hops) =>
        [.. hops.Select(h => new ChainCheck(h.Hop, NameOf(h.Service.Split(':')[0]), h.Request, $"{h.Service} through the service proxy", h.Ok, h.Problem))];

    private static string KindOf(string display) => display.Split('/')[0];

    private static string NameOf(string display) => display[(display.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
