namespace Chtctl.Core.Driving;

/// <summary>The history entry a rollback asked for does not exist, or there is none to return to.</summary>
public sealed class RollbackTargetException(string message) : Exception(message);
