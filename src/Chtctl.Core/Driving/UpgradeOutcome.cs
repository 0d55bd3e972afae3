using System.Text.Json.Serialization;

namespace Chtctl.Core.Driving;

/// <summary>
/// How <c>chtctl upgrade</c> ended, the same on every target: <c>--output json</c> prints it (the upgrade
/// service and scripts read it); people read the progress lines and <see cref="Message"/>.
/// </summary>
public sealed record UpgradeOutcome(string Instance, string Target, string? From, string To, string Outcome)
{
    public const string Upgraded = "upgraded";
    public const string AlreadyRunning = "already-running";
    public const string Refused = "refused";
    public const string DryRun = "dry-run";
    public const string RolledBack = "rolled-back";
    public const string RollbackFailed = "rollback-failed";

    /// <summary>The path decision (<c>upgrade</c>, <c>downgrade</c>, <c>sameversion</c>, <c>refused</c>); null when it was not reached.</summary>
    public string? Verdict { get; init; }

    public string? Reason { get; init; }

    public string? Advice { get; init; }

    public long? DiskRequiredBytes { get; init; }

    public long? DiskFreeBytes { get; init; }

    public IReadOnlyList<string>? Notes { get; init; }

    /// <summary>The gate that failed at the target version, with its reason.</summary>
    public string? FailedGate { get; init; }

    /// <summary>What the operator should change afterwards (the instance file still naming the old version).</summary>
    public string? Hint { get; init; }

    /// <summary>The last line people read: what happened.</summary>
    public string? Message { get; init; }

    /// <summary>With <c>--dry-run</c>: what the upgrade would change.</summary>
    public PlanResult? Plan { get; init; }

    /// <summary>The run at the target version, when there was one.</summary>
    [JsonIgnore]
    public UpResult? Upgrade { get; init; }

    /// <summary>The automatic run back at the previous version, when the target's gates failed.</summary>
    [JsonIgnore]
    public UpResult? Rollback { get; init; }
}
