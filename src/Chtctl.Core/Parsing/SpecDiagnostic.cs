namespace Chtctl.Core.Parsing;

public enum DiagnosticSeverity
{
    Error,
    Warning,
    /// <summary>Nothing to fix: how a value was read (an import's choices), so the operator can check it.</summary>
    Info,
}

/// <summary>Where a value was in the source file (1-based line and column).</summary>
public readonly record struct SourceLocation(int Line, int Column)
{
    public static readonly SourceLocation None = new(0, 0);

    public bool IsKnown => Line > 0;
}

/// <summary>One problem with an instance file: where it is, what was expected, and how to fix it.</summary>
public sealed record SpecDiagnostic(
    DiagnosticSeverity Severity,
    string File,
    string Path,
    SourceLocation Location,
    string Message,
    string? Hint = null)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>Compiler-style line: <c>file:line:col: error: path: message (hint: ...)</c>.</summary>
    public override string ToString()
    {
        var where = Location.IsKnown ? $"{File}:{Location.Line}:{Location.Column}" : File;
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        var path = string.IsNullOrEmpty(Path) ? "" : $"{Path}: ";
        var hint = Hint is null ? "" : $" (hint: {Hint})";
        return $"{where}: {severity}: {path}{Message}{hint}";
    }
}
