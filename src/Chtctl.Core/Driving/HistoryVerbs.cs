namespace Chtctl.Core.Driving;

/// <summary>The verbs a history entry names.</summary>
public static class HistoryVerbs
{
    public const string Up = "up";
    public const string Upgrade = "upgrade";
    public const string Rollback = "rollback";
    public const string Down = "down";
    public const string Destroy = "destroy";

    /// <summary>Verbs after which the instance runs the entry's version (so it pins and counts as "running").</summary>
    public static bool LeavesItRunning(string verb) => verb is Up or Upgrade or Rollback;
}
