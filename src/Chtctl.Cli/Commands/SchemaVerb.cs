using System.CommandLine;
using Chtctl.Cli.Output;
using Chtctl.Core.Schema;

namespace Chtctl.Cli.Commands;

/// <summary><c>chtctl schema</c>: the instance file's JSON Schema for editors and CI, or its Markdown reference.</summary>
internal sealed class SchemaVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var reference = new Option<bool>("--reference") { Description = "Print the Markdown reference of every key instead of the JSON Schema." };
        var outputOf = new Option<string?>("--output-of")
        {
            Description = $"Print the JSON Schema of a verb's --output json instead: {string.Join(", ", OutputSchemas.Verbs.Keys)}.",
            HelpName = "VERB",
        };
        outputOf.AcceptOnlyFromAmong([.. OutputSchemas.Verbs.Keys]);
        var command = new Command("schema", "Print the JSON Schema of the instance file (for editor completion and checks), or of a verb's JSON output.") { reference, outputOf };
        command.SetAction(parse =>
        {
            context.Out.Write(parse.GetValue(outputOf) is { } verb ? OutputSchemas.Generate(verb)
                : parse.GetValue(reference) ? InstanceReference.Generate() : InstanceSchema.Generate());
            return ExitCodes.Success;
        });
        return command;
    }
}
