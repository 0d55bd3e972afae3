namespace Chtctl.Core.Import;

/// <summary>What the caller knows that the source file may not say.</summary>
public sealed record ImportOptions
{
    public static ImportOptions Default { get; } = new();

    /// <summary>The source's format; null: tell from the file name and content.</summary>
    public ImportFormat? Format { get; init; }

    /// <summary>
    /// The CHT version the instance runs. A <c>.env</c> never says it; a values file usually does, and this
    /// overrides it (with a warning when they differ).
    /// </summary>
    public string? ChtVersion { get; init; }
}
