namespace Chtctl.Testing.Engine;

/// <summary>One container of an instance as Docker sees it.</summary>
public sealed record InstanceContainer(string Service, string Id, string StartedAt, int RestartCount, string Status, string? Health);
