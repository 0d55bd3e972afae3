using Chtctl.Compose.State;
using Chtctl.Compose.Tests.Support;
using Chtctl.Core.Secrets;

namespace Chtctl.Compose.Tests.State;

public sealed class FileSecretStoreTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Saved_secrets_load_back_unchanged()
    {
        using var temp = new TempDirectory();
        var store = new FileSecretStore(temp.Combine("home", "secrets.env"));

        await store.SaveAsync(TestSecrets.Distinct, CancellationToken.None);

        Assert.Equal(TestSecrets.Distinct, await store.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_file_is_readable_by_its_owner_only()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("secrets.env");

        await new FileSecretStore(path).SaveAsync(TestSecrets.Distinct, CancellationToken.None);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Saving_over_a_file_others_could_read_leaves_one_only_the_owner_can()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("secrets.env");
        TempDirectory.WriteFile(path, SecretsFile.Format(SecretGenerator.Generate()), (UnixFileMode)0b110_100_100);

        await new FileSecretStore(path).SaveAsync(TestSecrets.Distinct, CancellationToken.None);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(TestSecrets.Distinct, await new FileSecretStore(path).LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_save_leaves_no_temporary_file_behind()
    {
        using var temp = new TempDirectory();
        var store = new FileSecretStore(temp.Combine("secrets.env"));

        await store.SaveAsync(TestSecrets.Distinct, CancellationToken.None);
        await store.SaveAsync(SecretGenerator.Generate(), CancellationToken.None);

        Assert.Equal(["secrets.env"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_missing_file_loads_as_no_secrets_yet()
    {
        using var temp = new TempDirectory();

        Assert.Null(await new FileSecretStore(temp.Combine("secrets.env")).LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task LoadOrCreate_generates_once_and_then_keeps_the_same_secrets()
    {
        using var temp = new TempDirectory();
        var store = new FileSecretStore(temp.Combine("secrets.env"));

        var first = await store.LoadOrCreateAsync(CancellationToken.None);
        var second = await new FileSecretStore(temp.Combine("secrets.env")).LoadOrCreateAsync(CancellationToken.None);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_damaged_file_is_reported_by_path_and_missing_keys_without_any_value()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("secrets.env");
        var damaged = string.Join('\n', SecretsFile.Format(TestSecrets.Distinct).Split('\n').Where(l => !l.StartsWith("COUCHDB_UUID=", StringComparison.Ordinal)));
        TempDirectory.WriteFile(path, damaged, OwnerReadWrite);

        var error = await Assert.ThrowsAsync<FormatException>(() => new FileSecretStore(path).LoadAsync(CancellationToken.None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("COUCHDB_UUID", error.Message, StringComparison.Ordinal);
        foreach (var (_, value) in TestSecrets.Distinct.All)
            Assert.DoesNotContain(value, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_the_store_nor_its_secrets_print_a_value()
    {
        using var temp = new TempDirectory();
        var store = new FileSecretStore(temp.Combine("secrets.env"));
        await store.SaveAsync(TestSecrets.Distinct, CancellationToken.None);
        var loaded = await store.LoadAsync(CancellationToken.None);

        var printed = $"{store} {store.Location} {loaded}";

        foreach (var (_, value) in TestSecrets.Distinct.All)
            Assert.DoesNotContain(value, printed, StringComparison.Ordinal);
        Assert.Contains(temp.Combine("secrets.env"), printed, StringComparison.Ordinal);
    }
}
