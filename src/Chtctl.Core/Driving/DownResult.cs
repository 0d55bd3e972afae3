namespace Chtctl.Core.Driving;

/// <summary>What <c>down</c> stopped; everything else was kept.</summary>
public sealed record DownResult(string Instance, string Target, string Location, int Stopped, HistoryEntry? Entry);
