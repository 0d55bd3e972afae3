using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.State;
using Chtctl.Core.Rendering;

namespace Chtctl.Compose.Driver.Planning;

/// <summary>
/// What is deployed, read once by the driver before it plans: the project's files as they lie in
/// <c>&lt;home&gt;/project</c> (relative path → text) and the instance's containers. The planner compares a new
/// render with this and nothing else, so it touches neither the disk nor the engine.
/// </summary>
/// <param name="Files">chtctl's files in the project directory (hidden files other than <c>.env</c> are not chtctl's).</param>
/// <param name="Containers">The containers of the Compose project, running or not.</param>
public sealed record ProjectSnapshot(IReadOnlyDictionary<string, string> Files, IReadOnlyList<ContainerInfo> Containers)
{
    /// <summary>Nothing deployed: no project written, no container.</summary>
    public static ProjectSnapshot Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), []);

    /// <summary>The text of a project file, or null when it is not on disk.</summary>
    public string? File(string relativePath) => Files.TryGetValue(relativePath, out var text) ? text : null;

    /// <summary>
    /// How the project on disk differs from <paramref name="desired"/>: the rendered files in their (ordinal)
    /// order, each to add or to change, then chtctl's files the render dropped, to remove.
    /// </summary>
    public IReadOnlyList<(string File, FileChange Change)> FileChanges(RenderedTree desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var changes = new List<(string, FileChange)>();
        foreach (var file in desired.Files)
        {
            var current = File(file.Path);
            if (current is null)
                changes.Add((file.Path, FileChange.Add));
            else if (!string.Equals(current, file.Content, StringComparison.Ordinal))
                changes.Add((file.Path, FileChange.Change));
        }
        foreach (var existing in Files.Keys.Where(f => !desired.Contains(f)).Order(StringComparer.Ordinal))
            changes.Add((existing, FileChange.Remove));
        return changes;
    }
}
