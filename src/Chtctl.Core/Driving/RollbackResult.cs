namespace Chtctl.Core.Driving;

/// <summary>Which entry the instance returned to, and the run that took it there.</summary>
public sealed record RollbackResult(HistoryEntry ReturnedTo, UpResult Run);
