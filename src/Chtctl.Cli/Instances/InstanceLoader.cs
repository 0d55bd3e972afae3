using Chtctl.Core.Parsing;

namespace Chtctl.Cli.Instances;

/// <summary>Where an instance came from: a file the operator named, <c>./chtctl.yaml</c>, or the built-in default.</summary>
internal sealed record LoadedInstance(InstanceFileResult Result, string Source, bool IsBuiltIn);

/// <summary>Finds and reads the instance file for a command.</summary>
internal static class InstanceLoader
{
    public const string ConventionalFileName = "chtctl.yaml";

    public static LoadedInstance Load(CliContext context, string? path)
    {
        if (path is null && File.Exists(context.Resolve(ConventionalFileName)))
            path = ConventionalFileName;

        if (path is null)
        {
            var builtIn = WithLocalHome(context, InstanceFileReader.Read(BuiltInText(), "<built-in default>"));
            // Once brought up, the built-in instance is the file its first 'up' saved (with the ports it chose).
            if (builtIn.Spec is { } spec && Path.Combine(spec.Compose.Home!, BuiltInInstance.SavedFileName) is var saved && File.Exists(saved))
                return new LoadedInstance(WithLocalHome(context, InstanceFileReader.Read(File.ReadAllText(saved), saved)), saved, IsBuiltIn: true);
            return new LoadedInstance(builtIn, "<built-in default>", IsBuiltIn: true);
        }

        var full = context.Resolve(path);
        if (!File.Exists(full))
        {
            var missing = new SpecDiagnostic(DiagnosticSeverity.Error, path, "", SourceLocation.None,
                "file not found", $"create one with 'chtctl init --file {path}', or run without a file to use the built-in default");
            return new LoadedInstance(new InstanceFileResult(null, SourceMap.Empty, [missing]), path, IsBuiltIn: false);
        }

        return new LoadedInstance(InstanceFileReader.Read(File.ReadAllText(full), path), path, IsBuiltIn: false);
    }

    public static string BuiltInText()
    {
        using var stream = typeof(InstanceLoader).Assembly.GetManifestResourceStream("Chtctl.Cli.Instances.default-instance.yaml")
            ?? throw new InvalidOperationException("the built-in instance is missing from this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The built-in instance lives in the user's data directory, so it needs no root.</summary>
    private static InstanceFileResult WithLocalHome(CliContext context, InstanceFileResult result)
    {
        if (result.Spec is not { } spec)
            return result;
        var dataHome = context.Environment("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(context.Environment("HOME") ?? "/root", ".local", "share");
        var home = Path.Combine(dataHome, "chtctl", spec.Name);
        return result with { Spec = spec with { Compose = spec.Compose with { Home = home } } };
    }
}
