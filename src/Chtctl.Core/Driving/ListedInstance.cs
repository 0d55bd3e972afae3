namespace Chtctl.Core.Driving;

/// <summary>One instance a target holds, as <c>chtctl list</c> shows it.</summary>
/// <param name="Location">Its home (Compose) or namespace (Kubernetes).</param>
/// <param name="Health"><c>healthy</c>, <c>unhealthy (2/7 healthy)</c>, <c>stopped</c>, or <c>-</c> when the target does not tell without asking each instance.</param>
public sealed record ListedInstance(string Name, string Target, string Location, string? ChtVersion, string Health);
