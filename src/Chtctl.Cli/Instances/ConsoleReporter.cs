using Chtctl.Core.Reporting;
using Spectre.Console;

namespace Chtctl.Cli.Instances;

/// <summary>The driver's progress as lines on the console (standard error), as they happen.</summary>
internal sealed class ConsoleReporter(CliContext context) : IDriverReporter
{
    public void Step(string message) => context.Console.MarkupLine(Markup.Escape(message));

    public void Warn(string message) => context.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
}
