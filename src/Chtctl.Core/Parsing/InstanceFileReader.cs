using Chtctl.Core.Spec;
using Chtctl.Core.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chtctl.Core.Parsing;

/// <summary>The outcome of reading an instance file: the spec (when it could be built), where each value was, and every problem.</summary>
public sealed record InstanceFileResult(InstanceSpec? Spec, SourceMap Map, IReadOnlyList<SpecDiagnostic> Diagnostics)
{
    public bool Succeeded => Spec is not null && !Diagnostics.Any(d => d.IsError);
}

/// <summary>Reads instance file text into a validated <see cref="InstanceSpec"/>. Pure: the caller reads the file.</summary>
public static class InstanceFileReader
{
    public static InstanceFileResult Read(string text, string file)
    {
        var diagnostics = new List<SpecDiagnostic>();
        var map = new SourceMap { File = file };
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var location = new SourceLocation((int)e.Start.Line, (int)e.Start.Column);
            var message = e.InnerException?.Message ?? e.Message;
            diagnostics.Add(new SpecDiagnostic(DiagnosticSeverity.Error, file, "", location,
                $"not valid YAML: {TrimYamlMessage(message)}", "check indentation and quoting around this line"));
            return new InstanceFileResult(null, map, diagnostics);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            diagnostics.Add(new SpecDiagnostic(DiagnosticSeverity.Error, file, "", new SourceLocation(1, 1),
                "expected one YAML document with a mapping at the top", "start the file with 'apiVersion: chtctl/v1' and 'name: <instance>'"));
            return new InstanceFileResult(null, map, diagnostics);
        }

        var spec = new SpecBinder(file, map, diagnostics).BindRoot<InstanceSpec>(root);
        if (spec is not null)
            diagnostics.AddRange(InstanceSpecValidator.Validate(spec, map).Where(d => !diagnostics.Any(e => e.Path == d.Path)));
        return new InstanceFileResult(spec, map, diagnostics);
    }

    private static string TrimYamlMessage(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: ...) - (...): "; the location is reported separately.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }
}
