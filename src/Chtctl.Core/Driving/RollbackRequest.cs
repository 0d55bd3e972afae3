namespace Chtctl.Core.Driving;

/// <summary>A return to an earlier history entry.</summary>
/// <param name="To">The entry's number; null for the last successful one before the current.</param>
public sealed record RollbackRequest(int? To, TimeSpan Timeout, bool AllowDowngrade, bool TakeOverFields);
