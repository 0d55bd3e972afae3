using Chtctl.Compose.Driver.State;

namespace Chtctl.Compose.Driver.Planning;

public enum ServiceAction
{
    Add,
    Change,
    Start,
    Remove,
}

/// <summary>One service that <c>up</c> would touch, and why (field paths, image, state).</summary>
public sealed record ServiceChange(string Service, ServiceAction Action, IReadOnlyList<string> Details);

/// <summary>What <c>up</c> would change, compared with the project on disk and the containers running.</summary>
public sealed record ComposePlan(
    IReadOnlyList<(string File, FileChange Change)> Files,
    IReadOnlyList<ServiceChange> Services,
    IReadOnlyList<string> Certificates)
{
    public int ToAdd => Services.Count(s => s.Action == ServiceAction.Add);

    /// <summary>Recreated or started: a stopped container coming back is a change to what runs.</summary>
    public int ToChange => Services.Count(s => s.Action is ServiceAction.Change or ServiceAction.Start);

    public int ToRemove => Services.Count(s => s.Action == ServiceAction.Remove);

    public bool HasChanges => Files.Count > 0 || Services.Count > 0 || Certificates.Count > 0;

    public string Summary => $"{ToAdd} to add, {ToChange} to change, {ToRemove} to remove"
        + (Files.Count > 0 ? $" ({Files.Count} project file{(Files.Count == 1 ? "" : "s")} to write)" : "");
}
