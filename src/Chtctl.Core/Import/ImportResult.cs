using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Import;

/// <summary>
/// The outcome of an import. <see cref="Spec"/> is the best reading of the source even when there are errors
/// (placeholders keep the default), so a caller can show it; it is null only when the source could not be read
/// at all. Diagnostics point into the source file, by its own key names.
/// </summary>
public sealed record ImportResult(InstanceSpec? Spec, ImportedSecrets Secrets, IReadOnlyList<SpecDiagnostic> Diagnostics)
{
    /// <summary>The format that was read; null when it could not be told.</summary>
    public ImportFormat? Format { get; init; }

    public bool Succeeded => Spec is not null && !Diagnostics.Any(d => d.IsError);
}
