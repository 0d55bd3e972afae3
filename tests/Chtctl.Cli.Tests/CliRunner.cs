namespace Chtctl.Cli.Tests;

/// <summary>Runs chtctl in-process the way an operator would, capturing what it prints.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner() => Directory.CreateDirectory(WorkingDirectory);

    public string WorkingDirectory { get; } = Path.Combine(Path.GetTempPath(), "chtctl-cli-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, string> Environment { get; } = new() { ["HOME"] = "/home/operator" };

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(WorkingDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public Result Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext
        {
            Out = stdout,
            Error = stderr,
            WorkingDirectory = WorkingDirectory,
            IsInteractive = false,
            Environment = name => Environment.GetValueOrDefault(name),
        };
        var code = Cli.Run(args, context);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Every file under the working directory with its content, to prove a command changed nothing.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.GetFiles(WorkingDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(WorkingDirectory, f), File.ReadAllText);

    public void Dispose()
    {
        if (Directory.Exists(WorkingDirectory))
            Directory.Delete(WorkingDirectory, recursive: true);
    }

    internal sealed record Result(int ExitCode, string Out, string Error);
}
