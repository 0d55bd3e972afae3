using Spectre.Console;

namespace Chtctl.Cli.Instances;

/// <summary>Deleting data needs the instance name typed back, or <c>--yes</c> when nobody is at the terminal.</summary>
internal static class DataConfirmation
{
    public static bool Confirm(CliContext context, string instance, bool yes, string what)
    {
        if (yes)
            return true;
        if (!context.IsInteractive && context.ConsoleOverride is null)
        {
            context.Console.MarkupLine($"[red]refusing to delete {Markup.Escape(what)} without confirmation[/]: type the instance name at a terminal, or pass --yes");
            return false;
        }
        var typed = context.Console.Ask<string>($"This deletes {Markup.Escape(what)}. Type the instance name ([bold]{Markup.Escape(instance)}[/]) to confirm:");
        return typed == instance;
    }
}
