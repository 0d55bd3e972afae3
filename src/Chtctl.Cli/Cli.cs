namespace Chtctl.Cli;

/// <summary>Entry point shared by the executable and the CLI tests.</summary>
internal static class Cli
{
    public static int Run(string[] args)
    {
        Console.Out.WriteLine($"chtctl {Core.Spec.ChtctlInfo.Version} ({args.Length} arguments)");
        return 0;
    }
}
