using Chtctl.Core.Rendering;

namespace Chtctl.Cli.Output;

/// <summary>
/// Writes a rendered tree into a directory safely: never into a non-empty directory chtctl did not
/// render before, each file atomically (temp file, then rename) and created with its final mode so a
/// secret file is never readable by others even for a moment, and stale files of an earlier render removed.
/// </summary>
internal static class RenderedTreeWriter
{
    /// <summary>Lists the files chtctl wrote, so a later render can remove the ones no longer rendered.</summary>
    public const string ManifestName = ".chtctl-rendered";

    public static void Write(RenderedTree tree, string directory)
    {
        var manifest = Path.Combine(directory, ManifestName);
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any() && !File.Exists(manifest))
            throw new RenderTargetException($"{directory} is not empty and was not written by chtctl render; choose an empty or new directory");

        var previous = File.Exists(manifest) ? File.ReadAllLines(manifest).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal) : [];
        Directory.CreateDirectory(directory);
        foreach (var file in tree.Files)
            InstanceFiles.Write(Path.Combine(directory, file.Path), file.Content, file.Mode);

        foreach (var stale in previous.Except(tree.Files.Select(f => f.Path)))
        {
            var path = Path.Combine(directory, stale);
            if (!stale.Split('/').Contains("..") && File.Exists(path))
                File.Delete(path);
        }

        InstanceFiles.Write(manifest, string.Concat(tree.Files.Select(f => f.Path + "\n")), InstanceFiles.OwnerOnly);
    }
}

internal sealed class RenderTargetException(string message) : Exception(message);
