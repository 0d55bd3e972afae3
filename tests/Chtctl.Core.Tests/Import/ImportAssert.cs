using Chtctl.Core.Import;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;
using Chtctl.Core.Tests.Writing;
using Chtctl.Core.Writing;
using Chtctl.Testing;

namespace Chtctl.Core.Tests.Import;

/// <summary>Checks shared by the import tests: expected instance files, problem lists, and that results read back.</summary>
internal static class ImportAssert
{
    /// <summary>
    /// Compares the written instance file with <c>Import/Expected/&lt;name&gt;</c> in the source tree.
    /// CHTCTL_UPDATE_SNAPSHOTS=1 rewrites it (never on CI); review the diff before committing.
    /// </summary>
    public static void InstanceFile(string name, ImportResult result)
    {
        Assert.NotNull(result.Spec);
        var actual = InstanceFileWriter.Write(result.Spec);
        var path = Path.Combine(Repository.FindProjectDirectory(AppContext.BaseDirectory), "Import", "Expected", name);
        Snapshots.AssertFile(path, actual, $"no expected file {path}; run with CHTCTL_UPDATE_SNAPSHOTS=1 to create it");
    }

    /// <summary>Errors and warnings as "severity path:line", in file order; infos are left out (they need no action).</summary>
    public static string[] Problems(ImportResult result) =>
        result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info)
            .Select(d => $"{(d.IsError ? "error" : "warning")} {d.Path}:{d.Location.Line}").ToArray();

    public static SpecDiagnostic Single(ImportResult result, string path, DiagnosticSeverity severity)
    {
        var matches = result.Diagnostics.Where(d => d.Path == path && d.Severity == severity).ToArray();
        Assert.True(matches.Length == 1, $"expected one {severity} at {path}, found:\n{string.Join("\n", result.Diagnostics)}");
        return matches[0];
    }

    /// <summary>The imported spec, written and read back, is the same spec with no problems: what chtctl would then run.</summary>
    public static InstanceSpec ReadsBackClean(ImportResult result)
    {
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var read = InstanceFileReader.Read(InstanceFileWriter.Write(result.Spec!), "imported.yaml");
        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
        SpecAssert.Equal(result.Spec!, read.Spec!);
        return result.Spec!;
    }

    public static ImportResult Helm(string yaml, string? chtVersion = null) =>
        Importer.Import(yaml.Replace("\r\n", "\n", StringComparison.Ordinal), "values.yaml", new ImportOptions { ChtVersion = chtVersion });

    public static ImportResult Env(string env, string? chtVersion = "4.11.0") =>
        Importer.Import(env.Replace("\r\n", "\n", StringComparison.Ordinal), ".env", new ImportOptions { ChtVersion = chtVersion });
}
