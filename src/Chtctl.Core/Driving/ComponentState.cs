namespace Chtctl.Core.Driving;

/// <summary>One component of an instance as it runs.</summary>
/// <param name="Name">The component (Compose service, Kubernetes Deployment).</param>
/// <param name="State">Compose: the container's state (<c>running</c>, <c>exited</c>); Kubernetes: <c>ready</c> or <c>not-ready</c>.</param>
/// <param name="Health"><c>healthy</c>, <c>unhealthy</c>, <c>starting</c>, or <c>none</c> when nothing checks it.</param>
/// <param name="Ready">Replicas ready (Compose: 1 when running and healthy, else 0).</param>
/// <param name="Desired">Replicas wanted (Compose: 1).</param>
/// <param name="Version">The CHT version its image carries; null for images that are not Medic's release images.</param>
/// <param name="UptimeSeconds">Since the container started (Compose); null when not running or not known.</param>
/// <param name="Problem">Why it is not healthy; null when it is.</param>
public sealed record ComponentState(
    string Name,
    string State,
    string Health,
    int Ready,
    int Desired,
    int Restarts,
    string? Version,
    IReadOnlyList<string> Images,
    long? UptimeSeconds,
    string? Problem)
{
    public bool Healthy => Problem is null && Health is "healthy" or "none" && Ready >= Desired;
}
