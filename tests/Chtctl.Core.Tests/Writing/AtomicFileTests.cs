using System.Text;
using Chtctl.Core.Writing;

namespace Chtctl.Core.Tests.Writing;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chtctl-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(AtomicFile.OwnerOnly)]
    [InlineData(AtomicFile.Readable)]
    public void A_new_file_gets_exactly_the_mode_asked_for(UnixFileMode mode)
    {
        var path = Path.Combine(_directory, "secrets.env");

        AtomicFile.Write(path, "COUCHDB_PASSWORD=x\n", mode);

        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal("COUCHDB_PASSWORD=x\n", File.ReadAllText(path));
    }

    [Fact]
    public void Replacing_a_readable_file_with_a_secret_leaves_it_owner_only()
    {
        var path = Path.Combine(_directory, ".env");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, AtomicFile.Readable | UnixFileMode.OtherWrite);

        AtomicFile.Write(path, "new", AtomicFile.OwnerOnly);

        Assert.Equal(AtomicFile.OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void The_content_is_written_to_a_hidden_unpredictable_temporary_file_beside_it_that_already_has_its_final_mode()
    {
        var path = Path.Combine(_directory, "key.pem");
        var seen = new List<(string Name, UnixFileMode Mode)>();

        for (var i = 0; i < 2; i++)
        {
            AtomicFile.Write(path, AtomicFile.OwnerOnly, stream =>
            {
                var temporary = Assert.Single(Directory.GetFiles(_directory, ".key.pem.*.tmp"));
                seen.Add((Path.GetFileName(temporary), File.GetUnixFileMode(temporary)));
                stream.Write("key"u8);
            });
        }

        Assert.All(seen, s => Assert.Equal(AtomicFile.OwnerOnly, s.Mode));
        Assert.All(seen, s => Assert.Matches(@"^\.key\.pem\.[0-9a-f]{32}\.tmp$", s.Name));
        Assert.NotEqual(seen[0].Name, seen[1].Name);
        Assert.Equal(["key.pem"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Until_the_write_completes_readers_see_the_old_content_and_a_reader_of_the_old_file_keeps_it()
    {
        var path = Path.Combine(_directory, "docker-compose.yml");
        File.WriteAllText(path, "services: {old: {}}\n");
        using var openBefore = new StreamReader(path);

        AtomicFile.Write(path, AtomicFile.Readable, stream =>
        {
            stream.Write("services: {new: "u8);
            // Half the new content is written: the name still points at the whole old file.
            Assert.Equal("services: {old: {}}\n", File.ReadAllText(path));
            stream.Write("{}}\n"u8);
        });

        Assert.Equal("services: {new: {}}\n", File.ReadAllText(path));
        // Replaced by rename, not truncated and rewritten: the old file is intact for whoever still reads it.
        Assert.Equal("services: {old: {}}\n", openBefore.ReadToEnd());
    }

    [Fact]
    public void A_write_that_fails_leaves_the_old_content_and_no_temporary_file()
    {
        var path = Path.Combine(_directory, "haproxy.cfg");
        File.WriteAllText(path, "old");

        var failure = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, AtomicFile.Readable, stream =>
        {
            stream.Write("half of the n"u8);
            throw new InvalidOperationException("rendering failed");
        }));

        Assert.Equal("rendering failed", failure.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["haproxy.cfg"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_rename_that_fails_removes_the_temporary_file()
    {
        // A directory in the file's place: the content is written, then the rename cannot replace it.
        var path = Path.Combine(_directory, "cert.pem");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, "certificate", AtomicFile.Readable));

        Assert.Empty(Directory.GetFiles(_directory));
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void A_symbolic_link_at_the_destination_is_refused_and_neither_it_nor_its_target_changes()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_directory, "outside")).FullName;
        var target = Path.Combine(outside, "passwd");
        File.WriteAllText(target, "root:x:0:0\n");
        var home = Directory.CreateDirectory(Path.Combine(_directory, "home")).FullName;
        var link = Path.Combine(home, "secrets.env");
        File.CreateSymbolicLink(link, target);

        var refused = Assert.Throws<IOException>(() => AtomicFile.Write(link, "COUCHDB_PASSWORD=x\n", AtomicFile.OwnerOnly));

        Assert.Contains($"{link} is a symbolic link (to {target})", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Remove the link", refused.Message, StringComparison.Ordinal);
        Assert.Equal("root:x:0:0\n", File.ReadAllText(target));
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal(["secrets.env"], Directory.GetFileSystemEntries(home).Select(Path.GetFileName));
    }

    [Fact]
    public void A_dangling_symbolic_link_is_refused_too_so_nothing_is_created_where_it_points()
    {
        var target = Path.Combine(_directory, "elsewhere", "created-through-link");
        var link = Path.Combine(_directory, "instance.yaml");
        File.CreateSymbolicLink(link, target);

        Assert.Throws<IOException>(() => AtomicFile.Write(link, "name: clinic\n", AtomicFile.Readable));

        Assert.False(File.Exists(target));
        Assert.Equal(target, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void A_symbolic_link_to_the_directory_is_followed_because_the_home_may_live_on_another_disk()
    {
        var real = Directory.CreateDirectory(Path.Combine(_directory, "data", "clinic")).FullName;
        var linked = Path.Combine(_directory, "clinic");
        Directory.CreateSymbolicLink(linked, real);

        AtomicFile.Write(Path.Combine(linked, "instance.yaml"), "name: clinic\n", AtomicFile.Readable);

        Assert.Equal("name: clinic\n", File.ReadAllText(Path.Combine(real, "instance.yaml")));
    }

    [Fact]
    public void Concurrent_writers_of_one_file_never_collide_and_one_whole_content_wins()
    {
        var path = Path.Combine(_directory, "instance.yaml");
        var contents = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), 64 * 1024)).ToArray();

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            AtomicFile.Write(path, contents[i % contents.Length], AtomicFile.Readable));

        Assert.Contains(File.ReadAllText(path), contents);
        Assert.Equal(["instance.yaml"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Text_is_written_as_utf8_without_a_byte_order_mark()
    {
        var path = Path.Combine(_directory, "instance.yaml");

        AtomicFile.Write(path, "# clinic → 5.0\n", AtomicFile.Readable);

        Assert.Equal(Encoding.UTF8.GetBytes("# clinic → 5.0\n"), File.ReadAllBytes(path));
    }

    [Fact]
    public void The_directory_is_synced_after_the_rename_on_this_platform()
    {
        Assert.True(DirectorySync.TrySync(_directory));
        Assert.False(DirectorySync.TrySync(Path.Combine(_directory, "missing")));
    }
}
