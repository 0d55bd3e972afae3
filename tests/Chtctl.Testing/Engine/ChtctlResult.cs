using Xunit;

namespace Chtctl.Testing.Engine;

/// <summary>What one chtctl run printed and how it ended.</summary>
public sealed record ChtctlResult(IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, for what chtctl says wherever it says it.</summary>
    public string Output => Stdout + Stderr;

    /// <summary>A failure message worth reading: the command, its exit code and everything it printed.</summary>
    public override string ToString() => $"chtctl {string.Join(' ', Arguments)} → exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    /// <summary>Fails the test with the command and everything it printed unless it exited <paramref name="expected"/>.</summary>
    public ChtctlResult AssertExit(int expected)
    {
        Assert.True(ExitCode == expected, $"expected exit {expected}\n{this}");
        return this;
    }
}
