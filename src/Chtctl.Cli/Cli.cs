using System.CommandLine;
using Chtctl.Cli.Commands;

namespace Chtctl.Cli;

/// <summary>Builds the command tree and runs it; shared by the executable and the CLI tests.</summary>
internal static class Cli
{
    private static readonly IVerb[] Verbs =
    [
        new InitVerb(),
        new ValidateVerb(),
        new ImportVerb(),
        new RenderVerb(),
        new SchemaVerb(),
        new VersionVerb(),
        new ProbeVerb(),
        new UpVerb(),
        new UpgradeVerb(),
        new PlanVerb(),
        new StatusVerb(),
        new ListVerb(),
        new DownVerb(),
        new DestroyVerb(),
        new HistoryVerb(),
        new RollbackVerb(),
        new ServeVerb(),
        new NodeVerb(),
    ];

    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("chtctl installs, upgrades and operates Community Health Toolkit (CHT) instances on Docker Compose and Kubernetes.");
        foreach (var verb in Verbs)
            root.Add(verb.Create(context));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                context.Error.WriteLine($"chtctl: {error.Message}");
            context.Error.WriteLine("Run 'chtctl --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Error.WriteLine($"chtctl: internal error: {e.Message}");
            context.Error.WriteLine("This is a bug in chtctl. Please report it with the command you ran and this message.");
            return ExitCodes.Internal;
        }
    }
}
