using System.Globalization;
using Chtctl.Cli.Instances;
using Chtctl.Cli.Output;

namespace Chtctl.Cli.Commands.Compose;

/// <summary><c>chtctl history</c> on Compose: the records of the instance's history file.</summary>
internal static class ComposeHistoryOutput
{
    public static int Run(CliContext context, ComposeTarget target, OutputFormat format)
    {
        var records = target.Instance.History.Read();
        if (format == OutputFormat.Json)
        {
            Json.Write(context.Out, records);
            return ExitCodes.Success;
        }
        if (records.Count == 0)
        {
            context.Out.WriteLine($"No changes recorded for '{target.Name}' in {target.Instance.History.File}.");
            return ExitCodes.Success;
        }
        context.Out.WriteLine("RECORD  TIME                  VERB      CHT       SPEC HASH         CHTCTL    RESULT");
        foreach (var r in records)
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Number,-7} {r.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {r.Verb,-9} {r.ChtVersion,-9} {r.SpecHash,-17} {r.ChtctlVersion,-9} {r.Result}{(r.Message is null ? "" : ": " + r.Message)}"));
        }
        return ExitCodes.Success;
    }
}
