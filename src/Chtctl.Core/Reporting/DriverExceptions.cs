namespace Chtctl.Core.Reporting;

/// <summary>A driver's preflight found problems before anything changed; every problem is listed.</summary>
public sealed class PreflightFailedException(IReadOnlyList<string> problems)
    : Exception("preflight failed: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>An older CHT version than the one running was asked for without <c>--allow-downgrade</c>.</summary>
public sealed class DowngradeRefusedException(string message) : Exception(message);
