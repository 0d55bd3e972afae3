using System.Net;
using System.Net.Sockets;
using Chtctl.Compose.Driver.Preflight;
using Chtctl.Compose.Driver.State;
using Chtctl.Compose.Tests.Support;
using Chtctl.Core.Driving;
using Chtctl.Core.Rendering;

namespace Chtctl.Compose.Tests.Driver;

public sealed class DriverStateTests
{
    [Fact]
    public void A_second_run_is_refused_while_the_lock_is_held_and_told_who_holds_it()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("home", "chtctl.lock");
        using (InstanceLock.Acquire(path, "up", TimeProvider.System))
        {
            var refused = Assert.Throws<InstanceLockedException>(() => InstanceLock.Acquire(path, "upgrade", TimeProvider.System));
            Assert.Contains($"pid {Environment.ProcessId}, chtctl up", refused.Message, StringComparison.Ordinal);
        }
        using var again = InstanceLock.Acquire(path, "up", TimeProvider.System);
    }

    [Fact]
    public void The_project_directory_is_brought_to_the_render_and_reports_each_file_it_changed()
    {
        using var temp = new TempDirectory();
        var project = new ProjectDirectory(temp.Combine("project"));
        var first = new RenderedTree().Add("docker-compose.yml", "services: {}\n").Add(".env", "COUCHDB_PASSWORD=x\n", isPrivate: true).Add("nginx/old.conf", "x");

        Assert.Equal(3, project.Write(first).Count(c => c.Change == FileChange.Add));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.Combine("project", ".env")));
        Assert.Empty(project.Diff(first));

        var second = new RenderedTree().Add("docker-compose.yml", "services: { a: {} }\n").Add(".env", "COUCHDB_PASSWORD=x\n", isPrivate: true);
        Assert.Equal([("docker-compose.yml", FileChange.Change), ("nginx/old.conf", FileChange.Remove)], project.Write(second));
        Assert.False(File.Exists(temp.Combine("project", "nginx", "old.conf")));
        Assert.Equal("services: { a: {} }\n", project.Read("docker-compose.yml"));
    }

    [Fact]
    public void The_snapshot_of_a_project_holds_chtctl_files_with_env_and_skips_hidden_temporaries_and_editor_files()
    {
        using var temp = new TempDirectory();
        var project = new ProjectDirectory(temp.Combine("project"));
        project.Write(new RenderedTree().Add("docker-compose.yml", "services: {}\n").Add(".env", "COUCHDB_PASSWORD=x\n", isPrivate: true).Add("haproxy/haproxy.cfg", "global\n"));
        File.WriteAllText(temp.Combine("project", ".docker-compose.yml.0123456789abcdef0123456789abcdef.tmp"), "half");
        File.WriteAllText(temp.Combine("project", "haproxy", ".haproxy.cfg.swp"), "vim");

        var snapshot = project.Snapshot([]);

        Assert.Equal([".env", "docker-compose.yml", "haproxy/haproxy.cfg"], snapshot.Files.Keys);
        Assert.Equal("global\n", snapshot.File("haproxy/haproxy.cfg"));
        Assert.Null(snapshot.File("nginx/nginx.conf"));
    }

    [Fact]
    public void History_keeps_numbered_records_skips_a_torn_line_and_archives_on_request()
    {
        using var temp = new TempDirectory();
        var history = new ComposeHistory(temp.Combine("history"));
        var at = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        history.Append(new HistoryEntry(0, at, "up", "4.22.0", "abc", HistoryEntry.Succeeded, "0.1.0"));
        File.AppendAllText(history.File, "{\"number\":2,\"time\":\"2026-");
        File.AppendAllText(history.File, "\n");
        history.Append(new HistoryEntry(0, at, "upgrade", "4.23.0", "def", HistoryEntry.Failed, "0.1.0", "api ready: 503"));

        var records = history.Read();
        Assert.Equal([1, 2], records.Select(r => r.Number));
        Assert.Equal("4.22.0", HistoryEntry.LastRunning(history.Read())!.ChtVersion);

        var archived = history.Archive(at);
        Assert.Empty(history.Read());
        Assert.Null(HistoryEntry.LastRunning(history.Read()));
        Assert.Equal(2, File.ReadAllLines(archived).Count(l => l.StartsWith('{') && l.EndsWith('}')));
    }

    [Fact]
    public void A_taken_port_is_seen_and_its_holder_named()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.False(PortHolder.IsFree(port));
        Assert.StartsWith($"pid {Environment.ProcessId} (", PortHolder.Describe(port), StringComparison.Ordinal);

        listener.Stop();
        Assert.True(PortHolder.IsFree(port));
    }
}
