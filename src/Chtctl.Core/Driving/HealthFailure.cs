namespace Chtctl.Core.Driving;

/// <summary>
/// A health gate that did not turn green in time: which gate, which component, why, and what explains it —
/// the component's last log lines (Compose), or the object's conditions, events and not-ready containers (Kubernetes).
/// </summary>
public sealed record HealthFailure(string Gate, string Component, string Reason, IReadOnlyList<string> Diagnosis);
