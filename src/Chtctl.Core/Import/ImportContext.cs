using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;
using Chtctl.Core.Validation;

namespace Chtctl.Core.Import;

/// <summary>Where in the source a spec key's value came from.</summary>
internal readonly record struct Origin(string SourcePath, SourceLocation Location);

/// <summary>
/// Collects an import's diagnostics in the source file's terms, and remembers which source key each spec key
/// came from, so that validating the resulting spec reports at the operator's own line and key.
/// </summary>
internal sealed class ImportContext(string file)
{
    private readonly List<SpecDiagnostic> _diagnostics = [];
    private readonly Dictionary<string, Origin> _origins = new(StringComparer.Ordinal);

    public string File => file;

    public void Error(string sourcePath, SourceLocation at, string message, string? hint = null) =>
        Add(DiagnosticSeverity.Error, sourcePath, at, message, hint);

    public void Warning(string sourcePath, SourceLocation at, string message, string? hint = null) =>
        Add(DiagnosticSeverity.Warning, sourcePath, at, message, hint);

    public void Info(string sourcePath, SourceLocation at, string message, string? hint = null) =>
        Add(DiagnosticSeverity.Info, sourcePath, at, message, hint);

    public bool HasError(string sourcePath) => _diagnostics.Any(d => d.IsError && d.Path == sourcePath);

    /// <summary>Records that <paramref name="specPath"/> (<c>kubernetes.storage.hostPaths[0]</c>) was read from a source key.</summary>
    public void Origin(string specPath, string sourcePath, SourceLocation at) => _origins[specPath] = new Origin(sourcePath, at);

    /// <summary>
    /// Validates the spec and returns every diagnostic, ordered by position. A validation problem is reported at the
    /// source key it came from and dropped when the import already reported an error for that key (one cause, one message).
    /// </summary>
    public IReadOnlyList<SpecDiagnostic> Finish(InstanceSpec? spec)
    {
        var all = new List<SpecDiagnostic>(_diagnostics);
        if (spec is not null)
        {
            var map = new SourceMap { File = file };
            foreach (var (specPath, origin) in _origins)
                map.Add(specPath, origin.Location);
            foreach (var problem in InstanceSpecValidator.Validate(spec, map))
            {
                var translated = Translate(problem);
                if (!(translated.IsError ? HasError(translated.Path) : all.Any(d => d.Path == translated.Path && d.Message == translated.Message)))
                    all.Add(translated);
            }
        }

        // Stable: problems on one line keep the order they were found in.
        return all.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToArray();
    }

    private SpecDiagnostic Translate(SpecDiagnostic problem)
    {
        if (FindOrigin(problem.Path) is not { } origin)
            return problem with { Message = $"{problem.Message} (in the imported instance: {problem.Path})" };
        return problem with
        {
            Path = origin.SourcePath,
            Location = origin.Location,
            Message = origin.SourcePath == problem.Path ? problem.Message : $"{problem.Message} (as {problem.Path})",
        };
    }

    private Origin? FindOrigin(string specPath)
    {
        for (var path = specPath; path.Length > 0; path = Parent(path))
        {
            if (_origins.TryGetValue(path, out var origin))
                return origin;
        }

        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private void Add(DiagnosticSeverity severity, string sourcePath, SourceLocation at, string message, string? hint) =>
        _diagnostics.Add(new SpecDiagnostic(severity, file, sourcePath, at, message, hint));
}
