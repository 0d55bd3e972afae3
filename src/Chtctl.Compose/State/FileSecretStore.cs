using Chtctl.Compose.Layout;
using Chtctl.Core.Secrets;
using Chtctl.Core.Writing;

namespace Chtctl.Compose.State;

/// <summary>
/// Keeps a Compose instance's secrets in <c>&lt;home&gt;/secrets.env</c>, mode 0600. A save goes through
/// <see cref="AtomicFile"/>: created owner-only (no moment exists where others could read it) and renamed over
/// the old file, so a crash leaves either the old secrets or the new ones, never half a file. Values never
/// appear in messages: only the path does.
/// </summary>
public sealed class FileSecretStore : ISecretStore
{
    private readonly string _path;

    public FileSecretStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = Path.GetFullPath(path);
    }

    public FileSecretStore(InstanceHomeLayout layout)
        : this((layout ?? throw new ArgumentNullException(nameof(layout))).SecretsFile)
    {
    }

    public string Location => _path;

    public async Task<InstanceSecrets?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
            return null;
        var text = await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        try
        {
            return SecretsFile.Parse(text);
        }
        catch (FormatException e)
        {
            // Parse names keys, never values; the path tells the operator which file to restore.
            throw new FormatException($"{_path}: {e.Message}", e);
        }
    }

    public Task SaveAsync(InstanceSecrets secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("the Compose secret store needs Unix file modes");
        cancellationToken.ThrowIfCancellationRequested();

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        AtomicFile.Write(_path, SecretsFile.Format(secrets), AtomicFile.OwnerOnly);
        return Task.CompletedTask;
    }

    public override string ToString() => $"{nameof(FileSecretStore)} {{ {_path} }}";
}
