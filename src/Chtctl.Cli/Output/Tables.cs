using Spectre.Console;
using Spectre.Console.Rendering;

namespace Chtctl.Cli.Output;

/// <summary>
/// Tables for results on standard output, drawn by Spectre.Console: no borders and no colour, so each row is one
/// line that <c>grep</c> and <c>awk</c> can read, and columns fit their widest cell.
/// </summary>
internal static class Tables
{
    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.None);
        foreach (var header in headers)
            table.AddColumn(new TableColumn(header).PadLeft(0).PadRight(2).NoWrap());
        return table;
    }

    public static void AddRow(this Table table, IEnumerable<string?> cells) =>
        table.AddRow([.. cells.Select(c => (IRenderable)new Text(c ?? "-"))]);

    /// <summary>Writes <paramref name="table"/> to standard output without trailing spaces.</summary>
    public static void Write(CliContext context, Table table)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(new StringWriter()),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 4096;
        var text = new StringWriter();
        console.Profile.Out = new AnsiConsoleOutput(text);
        console.Write(table);
        foreach (var line in text.ToString().Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length > 0)
                context.Out.WriteLine(trimmed);
        }
    }
}
