using Spectre.Console;

namespace Chtctl.Cli;

/// <summary>
/// What a command may touch of the outside world: its output streams, working directory, environment
/// and whether a person is at the terminal. Tests pass their own.
/// </summary>
internal sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>True when a person can answer prompts (stdin and stderr are a terminal, not CI).</summary>
    public bool IsInteractive { get; init; }

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>A console to use instead of one on standard error (tests answer prompts through it).</summary>
    public IAnsiConsole? ConsoleOverride { get; init; }

    private IAnsiConsole? _console;

    /// <summary>Human-facing console on standard error, so standard output stays clean for JSON and rendered streams.</summary>
    public IAnsiConsole Console => _console ??= ConsoleOverride ?? CreateConsole();

    private IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Error),
            Ansi = IsInteractive && Environment("NO_COLOR") is null ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsInteractive && Environment("NO_COLOR") is null ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsInteractive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        // Off a terminal, lines must stay whole so logs and grep see one diagnostic per line.
        if (!IsInteractive)
            console.Profile.Width = 4096;
        return console;
    }

    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);

    public static CliContext ForProcess() => new()
    {
        Out = System.Console.Out,
        Error = System.Console.Error,
        WorkingDirectory = Directory.GetCurrentDirectory(),
        IsInteractive = !System.Console.IsInputRedirected && !System.Console.IsErrorRedirected
            && System.Environment.GetEnvironmentVariable("CI") is null,
    };
}
