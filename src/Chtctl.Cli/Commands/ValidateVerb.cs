using System.CommandLine;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;
using Spectre.Console;

namespace Chtctl.Cli.Commands;

/// <summary><c>chtctl validate [FILE]</c>: every problem in an instance file at once, changing nothing.</summary>
internal sealed class ValidateVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var file = InstanceFileArgument.Create();
        var output = OutputOptions.Create();
        var command = new Command("validate", "Check an instance file and report every problem with its place in the file.") { file, output };
        command.SetAction(parse =>
        {
            var loaded = InstanceLoader.Load(context, parse.GetValue(file));
            var diagnostics = loaded.Result.Diagnostics;
            var valid = loaded.Result.Succeeded;
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                Json.Write(context.Out, new { file = loaded.Source, valid, diagnostics = diagnostics.Select(DiagnosticsPrinter.ToJson) });
            }
            else
            {
                DiagnosticsPrinter.Print(context, diagnostics);
                context.Console.MarkupLine(valid
                    ? $"[green]{Spectre.Console.Markup.Escape(loaded.Source)} is valid[/] ({DiagnosticsPrinter.Summary(diagnostics)})"
                    : $"[red]{Spectre.Console.Markup.Escape(loaded.Source)} is not valid[/]: {DiagnosticsPrinter.Summary(diagnostics)}");
            }

            return valid ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }
}

internal static class InstanceFileArgument
{
    public static Argument<string?> Create()
    {
        var argument = new Argument<string?>("file")
        {
            Description = $"Instance file. Default: ./{InstanceLoader.ConventionalFileName} if present, else the built-in local instance.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        // A misspelt option would otherwise be taken for a file name and reported as a missing file.
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[0].Value is { Length: > 1 } value && value.StartsWith('-'))
                result.AddError($"unknown option '{value}'");
        });
        return argument;
    }
}
