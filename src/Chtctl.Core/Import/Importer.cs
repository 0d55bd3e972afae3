using Chtctl.Core.Import.Env;
using Chtctl.Core.Import.Helm;
using Chtctl.Core.Parsing;

namespace Chtctl.Core.Import;

/// <summary>
/// Turns what operators run today (a Helm values file, or the <c>.env</c> of the upstream Docker Compose install)
/// into a chtctl instance spec and the secrets it carried. Pure: the caller reads the file and writes the results.
/// </summary>
public static class Importer
{
    public static ImportResult Import(string text, string fileName, ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        options ??= ImportOptions.Default;
        return (options.Format ?? ImportFormatDetector.Detect(text, fileName)) switch
        {
            ImportFormat.HelmValues when IsInstanceFile(text) => Failed(fileName,
                "this is already a chtctl instance file (apiVersion: chtctl/v1); there is nothing to import", "use it as it is: chtctl validate"),
            ImportFormat.HelmValues => HelmValuesImporter.Import(text, fileName, options),
            ImportFormat.DockerEnv => DockerEnvImporter.Import(text, fileName, options),
            _ => Failed(fileName, "cannot tell whether this is a Helm values file or a Docker .env",
                "name the format explicitly (helm or env)"),
        };
    }

    private static bool IsInstanceFile(string text) =>
        text.Split('\n').Any(l => l.TrimEnd() is "apiVersion: chtctl/v1" or "apiVersion: \"chtctl/v1\"");

    private static ImportResult Failed(string file, string message, string hint) =>
        new(null, ImportedSecrets.None, [new SpecDiagnostic(DiagnosticSeverity.Error, file, "", SourceLocation.None, message, hint)]);
}
