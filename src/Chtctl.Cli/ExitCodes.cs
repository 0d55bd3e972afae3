namespace Chtctl.Cli;

/// <summary>
/// Exit codes are part of chtctl's interface: scripts and CI depend on them, so they never change
/// meaning. Documented in the README.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done; nothing wrong.</summary>
    public const int Success = 0;

    /// <summary>The operation failed for a reason the message explains.</summary>
    public const int Failure = 1;

    /// <summary><c>plan --detailed-exitcode</c>: there are changes to apply.</summary>
    public const int ChangesPresent = 2;

    /// <summary>The instance file (or imported file) has errors; nothing was changed.</summary>
    public const int InvalidInput = 3;

    /// <summary>A preflight check failed (missing dependency, port taken, too little disk); nothing was changed.</summary>
    public const int PreflightFailed = 4;

    /// <summary>Unhealthy: a health gate or a probe failed.</summary>
    public const int Unhealthy = 5;

    /// <summary>Wrong command-line usage (unknown verb or option, missing argument).</summary>
    public const int Usage = 64;

    /// <summary>A bug in chtctl: please report it with the message.</summary>
    public const int Internal = 70;

    public static IReadOnlyList<(int Code, string Name, string Meaning)> All { get; } =
    [
        (Success, "success", "done; nothing wrong"),
        (Failure, "failure", "the operation failed; the message says why"),
        (ChangesPresent, "changes-present", "plan --detailed-exitcode: there are changes to apply"),
        (InvalidInput, "invalid-input", "the instance file or imported file has errors; nothing was changed"),
        (PreflightFailed, "preflight-failed", "a preflight check failed; nothing was changed"),
        (Unhealthy, "unhealthy", "a health gate or probe failed"),
        (Usage, "usage", "wrong command-line usage"),
        (Internal, "internal-error", "a bug in chtctl; please report it"),
    ];
}
