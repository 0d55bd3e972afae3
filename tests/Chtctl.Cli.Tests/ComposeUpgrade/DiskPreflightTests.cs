using System.Diagnostics;
using Chtctl.Testing.Engine;

namespace Chtctl.Cli.Tests.ComposeUpgrade;

/// <summary>
/// CouchDB's data on a small filesystem (a tmpfs): enough for <c>up</c> (1 GiB free), then filled so the upgrade's
/// estimate (at least 1 GiB headroom beyond view indexes × 5) does not fit: refused before anything changes.
/// </summary>
public sealed class DiskPreflightTests
{
    [Fact]
    public async Task Too_little_disk_for_the_upgrade_is_refused_with_both_figures_and_nothing_changes()
    {
        var mount = Path.Combine(Path.GetTempPath(), "upg-disk-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(mount);
        Run("mount", "-t", "tmpfs", "-o", "size=1100m", "tmpfs", mount);
        try
        {
            await using (var instance = new EngineInstance("upg-disk", dataDir: Path.Combine(mount, "data")))
            {
                (await instance.VerbAsync("up")).AssertExit(ExitCodes.Success);
                await File.WriteAllBytesAsync(Path.Combine(mount, "filler"), new byte[200 << 20]);
                var before = instance.State();

                var result = await instance.VerbAsync("upgrade", "--to", "4.23.0");

                result.AssertExit(ExitCodes.PreflightFailed);
                Assert.Contains("not enough disk for the upgrade", result.Stderr, StringComparison.Ordinal);
                Assert.Matches(@"disk: 1\.0 GiB required, [0-9.]+ MiB free at ", result.Stderr);
                Assert.Contains("free at least", result.Stderr, StringComparison.Ordinal);
                Assert.Contains("nothing was changed", result.Stderr, StringComparison.Ordinal);
                Assert.Equal(before, instance.State());
                Assert.Equal("4.22.0", await instance.ApiVersionAsync());
            }
        }
        finally
        {
            Run("umount", "-l", mount);
            Directory.Delete(mount, recursive: true);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {error}");
    }
}
