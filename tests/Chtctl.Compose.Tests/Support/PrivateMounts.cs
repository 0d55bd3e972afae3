namespace Chtctl.Compose.Tests.Support;

/// <summary>
/// Runs a program in its own mount namespace with directories bind-mounted over fixed paths, so a rendered
/// config naming absolute container paths (/etc/nginx/private) is used as it is, without touching the host.
/// The program replaces the shell (exec), so the process id returned is the program's own.
/// </summary>
internal static class PrivateMounts
{
    public static IReadOnlyList<string> Command(IReadOnlyDictionary<string, string> mounts, string program, IEnumerable<string> arguments)
    {
        // Sources and targets travel as positional arguments, never inside the script text.
        const string script = "while [ \"$1\" != -- ]; do mount --bind \"$1\" \"$2\" || exit 97; shift 2; done; shift; exec \"$@\"";
        return ["-m", "sh", "-c", script, "sh", .. mounts.SelectMany(m => new[] { m.Key, m.Value }), "--", program, .. arguments];
    }
}
