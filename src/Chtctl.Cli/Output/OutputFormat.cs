using System.CommandLine;

namespace Chtctl.Cli.Output;

internal enum OutputFormat
{
    Text,
    Json,
}

internal static class OutputOptions
{
    /// <summary><c>--output text|json</c>: JSON goes to standard output, human text to standard error.</summary>
    public static Option<OutputFormat> Create() => new("--output", "-o")
    {
        Description = "Result format: text for people, json for scripts (on standard output).",
        DefaultValueFactory = _ => OutputFormat.Text,
        HelpName = "text|json",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "text";
            if (Enum.TryParse<OutputFormat>(text, ignoreCase: true, out var format))
                return format;
            result.AddError($"--output must be text or json, not '{text}'");
            return OutputFormat.Text;
        },
    };
}
