using System.Text;
using Chtctl.Compose.Layout;
using Chtctl.Core.Secrets;

namespace Chtctl.Compose.State;

/// <summary>
/// Keeps a Compose instance's secrets in <c>&lt;home&gt;/secrets.env</c>, mode 0600. A save writes a new
/// file created with mode 0600 (never loosened and tightened later, so no moment exists where others could
/// read it), flushes it to disk and renames it over the old one, so a crash leaves either the old secrets or
/// the new ones, never half a file. Values never appear in messages: only the path does.
/// </summary>
public sealed class FileSecretStore : ISecretStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

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

    public async Task SaveAsync(InstanceSecrets secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("the Compose secret store needs Unix file modes");

        var directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        // The temporary file sits beside the target: rename is atomic only within one file system.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = OwnerOnly,
        };
        try
        {
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(SecretsFile.Format(secrets)), cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public override string ToString() => $"{nameof(FileSecretStore)} {{ {_path} }}";
}
