using Chtctl.Core.Parsing;
using Spectre.Console;

namespace Chtctl.Cli.Output;

/// <summary>Shows instance-file problems: compiler-style lines for people, an array for scripts.</summary>
internal static class DiagnosticsPrinter
{
    public static void Print(CliContext context, IReadOnlyList<SpecDiagnostic> diagnostics)
    {
        foreach (var d in diagnostics.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column))
        {
            var color = d.Severity switch
            {
                DiagnosticSeverity.Error => "red",
                DiagnosticSeverity.Warning => "yellow",
                _ => "grey",
            };
            context.Console.MarkupLine($"[{color}]{Markup.Escape(d.ToString())}[/]");
        }
    }

    public static object ToJson(SpecDiagnostic d) => new
    {
        severity = d.Severity.ToString().ToLowerInvariant(),
        file = d.File,
        path = d.Path,
        line = d.Location.IsKnown ? d.Location.Line : (int?)null,
        column = d.Location.IsKnown ? d.Location.Column : (int?)null,
        message = d.Message,
        hint = d.Hint,
    };

    public static string Summary(IReadOnlyList<SpecDiagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        return $"{errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}";
    }
}
