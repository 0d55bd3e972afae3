using Chtctl.Testing;

namespace Chtctl.Cli.Tests.Outputs;

/// <summary>
/// A verb's whole output kept under <c>tests/Chtctl.Cli.Tests/Outputs/&lt;target&gt;/</c>. With CHTCTL_UPDATE_SNAPSHOTS=1
/// (ignored on CI) the files are rewritten; review the diff before committing.
/// </summary>
internal static class OutputSnapshot
{
    public static void AssertMatches(string target, string name, string actual)
    {
        var path = Path.Combine(Repository.Root, "tests", "Chtctl.Cli.Tests", "Outputs", target, name);
        Snapshots.AssertFile(path, actual, $"no snapshot {path}; run the tests with CHTCTL_UPDATE_SNAPSHOTS=1 to write it");
    }
}
