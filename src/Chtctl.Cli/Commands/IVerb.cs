using System.CommandLine;

namespace Chtctl.Cli.Commands;

/// <summary>One chtctl verb: its command-line shape and what it does. One file per verb.</summary>
internal interface IVerb
{
    Command Create(CliContext context);
}
