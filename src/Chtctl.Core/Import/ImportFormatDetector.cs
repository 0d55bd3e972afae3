using System.Text.RegularExpressions;

namespace Chtctl.Core.Import;

/// <summary>Tells a Docker <c>.env</c> from a Helm values file: by the file name when it says, else by the lines.</summary>
internal static partial class ImportFormatDetector
{
    public static ImportFormat? Detect(string text, string fileName)
    {
        var name = Path.GetFileName(fileName).ToLowerInvariant();
        if (name == ".env" || name.EndsWith(".env", StringComparison.Ordinal) || name.StartsWith(".env.", StringComparison.Ordinal))
            return ImportFormat.DockerEnv;
        if (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal))
            return ImportFormat.HelmValues;

        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        if (lines.Length == 0)
            return null;
        if (lines.All(l => EnvLine().IsMatch(l)))
            return ImportFormat.DockerEnv;
        return lines.Any(l => YamlKeyLine().IsMatch(l)) ? ImportFormat.HelmValues : null;
    }

    [GeneratedRegex(@"^(export\s+)?[A-Za-z_][A-Za-z0-9_.]*\s*=")]
    private static partial Regex EnvLine();

    [GeneratedRegex(@"^[""']?[A-Za-z0-9_.\-]+[""']?\s*:(\s|$)")]
    private static partial Regex YamlKeyLine();
}
