using System.CommandLine;
using Chtctl.Core.Schema;

namespace Chtctl.Cli.Commands;

/// <summary><c>chtctl schema</c>: the instance file's JSON Schema, for editors and CI checks.</summary>
internal sealed class SchemaVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var command = new Command("schema", "Print the JSON Schema of the instance file (for editor completion and checks).");
        command.SetAction(_ =>
        {
            context.Out.Write(InstanceSchema.Generate());
            return ExitCodes.Success;
        });
        return command;
    }
}
