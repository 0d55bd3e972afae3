namespace Chtctl.Cli.Output;

/// <summary>Writes the files init, import and render produce: atomically, created with their final mode. Secrets go through the secret store.</summary>
internal static class InstanceFiles
{
    public const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The secrets file kept beside an instance file: <c>clinic.yaml</c> → <c>clinic.secrets.env</c>.</summary>
    public static string SecretsPathFor(string instanceFile) =>
        Path.Combine(Path.GetDirectoryName(instanceFile) ?? ".", Path.GetFileNameWithoutExtension(instanceFile) + ".secrets.env");

    /// <summary>Names the first of the paths that already exists, so nothing is overwritten by surprise.</summary>
    public static string? FirstExisting(params string[] paths) => paths.FirstOrDefault(File.Exists);

    public static void Write(string path, string content, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode }))
        using (var writer = new StreamWriter(stream))
            writer.Write(content);
        File.Move(temp, path, overwrite: true);
        File.SetUnixFileMode(path, mode);
    }
}
