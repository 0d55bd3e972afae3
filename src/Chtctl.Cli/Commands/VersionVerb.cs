using System.CommandLine;
using System.Runtime.InteropServices;
using Chtctl.Cli.Output;
using Chtctl.Core.Spec;
using Chtctl.Core.Versions;

namespace Chtctl.Cli.Commands;

/// <summary><c>chtctl version</c>: this build, and the CHT release lines it can host.</summary>
internal sealed class VersionVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var output = OutputOptions.Create();
        var command = new Command("version", "Show chtctl's version and the CHT releases it can host.") { output };
        command.SetAction(parse =>
        {
            var lines = VersionLine.Supported.Select(l => new
            {
                line = $"{l.Major}.x",
                newestKnown = KnownReleases.NewestByLine.TryGetValue(l.Major, out var v) ? v.ToString() : null,
                nouveau = l.HasNouveau,
            }).ToArray();
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                Json.Write(context.Out, new { chtctl = ChtctlInfo.Version, runtime = RuntimeInformation.FrameworkDescription, chtLines = lines });
                return ExitCodes.Success;
            }

            context.Out.WriteLine($"chtctl {ChtctlInfo.Version} ({RuntimeInformation.FrameworkDescription})");
            foreach (var line in lines)
                context.Out.WriteLine($"  CHT {line.line}: newest known release {line.newestKnown}{(line.nouveau ? " (with nouveau)" : "")}");
            return ExitCodes.Success;
        });
        return command;
    }
}
