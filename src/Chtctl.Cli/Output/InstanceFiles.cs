using Chtctl.Core.Writing;

namespace Chtctl.Cli.Output;

/// <summary>Writes the files init, import and render produce: atomically, created with their final mode. Secrets go through the secret store.</summary>
internal static class InstanceFiles
{
    public const UnixFileMode Readable = AtomicFile.Readable;
    public const UnixFileMode OwnerOnly = AtomicFile.OwnerOnly;

    /// <summary>The secrets file kept beside an instance file: <c>clinic.yaml</c> → <c>clinic.secrets.env</c>.</summary>
    public static string SecretsPathFor(string instanceFile) =>
        Path.Combine(Path.GetDirectoryName(instanceFile) ?? ".", Path.GetFileNameWithoutExtension(instanceFile) + ".secrets.env");

    /// <summary>Names the first of the paths that already exists, so nothing is overwritten by surprise.</summary>
    public static string? FirstExisting(params string[] paths) => paths.FirstOrDefault(File.Exists);

    public static void Write(string path, string content, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Write(path, content, mode);
    }
}
