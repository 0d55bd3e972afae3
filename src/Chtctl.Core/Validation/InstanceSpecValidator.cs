using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Validation;

/// <summary>
/// Checks a spec and returns every problem at once, each with its path and, when the spec came from a
/// file, its line and column. Value rules come from the model's attributes; rules that span several keys
/// live in <see cref="CrossFieldRules"/>.
/// </summary>
public static class InstanceSpecValidator
{
    public static IReadOnlyList<SpecDiagnostic> Validate(InstanceSpec spec, SourceMap? map = null)
    {
        var context = new ValidationContext(map ?? SourceMap.Empty);
        CheckAttributes(spec, "", context);
        CrossFieldRules.Check(spec, context);
        return context.Diagnostics;
    }

    private static void CheckAttributes(object record, string path, ValidationContext context)
    {
        foreach (var property in SpecNaming.KeysOf(record.GetType()))
        {
            var key = SpecNaming.KeyOf(property);
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            var value = property.GetValue(record);
            switch (value)
            {
                case null:
                    continue;
                case string text:
                    CheckPattern(property, text, childPath, context);
                    break;
                case int number when property.GetCustomAttribute<IntRangeAttribute>() is { } range && (number < range.Min || number > range.Max):
                    context.Error(childPath, $"expected a number from {range.Min} to {range.Max}, found {number}");
                    break;
                case IReadOnlyList<string> list:
                    for (var i = 0; i < list.Count; i++)
                        CheckPattern(property, list[i], $"{childPath}[{i}]", context);
                    break;
                case IEnumerable:
                    break;
                default:
                    if (SpecNaming.IsRecord(value.GetType()))
                        CheckAttributes(value, childPath, context);
                    break;
            }
        }
    }

    private static void CheckPattern(PropertyInfo property, string value, string path, ValidationContext context)
    {
        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern && !Regex.IsMatch(value, pattern.Regex))
            context.Error(path, $"expected {pattern.Expected}, found '{value}'", Hints.ForPattern(pattern, value));
    }
}

/// <summary>Collects diagnostics with positions from the source map.</summary>
internal sealed class ValidationContext(SourceMap map)
{
    public List<SpecDiagnostic> Diagnostics { get; } = [];

    public SourceMap Map => map;

    /// <summary>True when the key was written in the file (as opposed to defaulted).</summary>
    public bool Written(string path) => map.Contains(path);

    public void Error(string path, string message, string? hint = null) =>
        Diagnostics.Add(new SpecDiagnostic(DiagnosticSeverity.Error, map.File, path, map.Find(path), message, hint));

    public void Warning(string path, string message, string? hint = null) =>
        Diagnostics.Add(new SpecDiagnostic(DiagnosticSeverity.Warning, map.File, path, map.Find(path), message, hint));
}

internal static class Hints
{
    public static string? ForPattern(PatternAttribute pattern, string value)
    {
        if (pattern.Regex == DnsLabel.Pattern || pattern.Regex == DnsName.Pattern)
        {
            var fixedName = Regex.Replace(value.ToLowerInvariant(), "[^a-z0-9.-]+", "-").Trim('-', '.');
            return fixedName.Length > 0 && fixedName != value && Regex.IsMatch(fixedName, pattern.Regex) ? $"try '{fixedName}'" : null;
        }

        return null;
    }
}
