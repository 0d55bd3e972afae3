using Chtctl.Core.Parsing;
using Chtctl.Core.Rendering;
using Chtctl.Core.Secrets;
using Chtctl.Core.Topology;
using Chtctl.Core.Versions;
using Xunit;

namespace Chtctl.Testing;

/// <summary>
/// A scenario folder: <c>Scenarios/&lt;name&gt;/instance.yaml</c> and the exact output expected under
/// <c>expected/</c>. Set CHTCTL_UPDATE_SNAPSHOTS=1 to rewrite the expected files locally (ignored on CI),
/// then review the diff before committing.
/// </summary>
public sealed class Scenario(string directory)
{
    public string Name => Path.GetFileName(directory);

    public string InstanceFile => Path.Combine(directory, "instance.yaml");

    public string ExpectedDirectory => Path.Combine(directory, "expected");

    /// <summary>Every scenario folder under the test output's <c>Scenarios</c>, as theory rows.</summary>
    public static TheoryData<string> All(string scenariosRoot = "Scenarios")
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, scenariosRoot)).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    public static Scenario Named(string name, string scenariosRoot = "Scenarios") =>
        new(Path.Combine(AppContext.BaseDirectory, scenariosRoot, name));

    /// <summary>Reads, validates and builds the scenario's topology offline, failing the test on any error.</summary>
    public InstanceTopology Topology()
    {
        var result = InstanceFileReader.Read(File.ReadAllText(InstanceFile), "instance.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var spec = result.Spec!;
        Assert.True(VersionRequest.TryParse(spec.Cht.Version, out var request));
        var release = new ReleaseCatalogue(spec.Cht.Registry).Resolve(request, pinned: null);
        return TopologyBuilder.Build(spec, release);
    }

    public RenderedTree Render(IRenderer renderer) => renderer.Render(Topology(), InstanceSecrets.Redacted);

    /// <summary>Asserts the rendered tree equals <c>expected/</c> file by file: same paths, same bytes.</summary>
    public void AssertMatches(RenderedTree tree)
    {
        if (Snapshots.UpdateRequested)
        {
            Snapshots.Write(tree, SourceDirectory(ExpectedDirectory));
            return;
        }

        Assert.True(Directory.Exists(ExpectedDirectory), $"scenario {Name} has no expected/ folder; run with CHTCTL_UPDATE_SNAPSHOTS=1 to create it");
        var expected = Directory.GetFiles(ExpectedDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ExpectedDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToArray();
        var actual = tree.Files.Select(f => f.Path).ToArray();
        Assert.Equal(expected, actual);
        foreach (var file in tree.Files)
            Assert.Equal(File.ReadAllText(Path.Combine(ExpectedDirectory, file.Path)), file.Content);
    }

    /// <summary>Maps the copy in the test output back to the folder in the source tree.</summary>
    private static string SourceDirectory(string outputPath)
    {
        var relative = Path.GetRelativePath(AppContext.BaseDirectory, outputPath);
        var project = Repository.FindProjectDirectory(AppContext.BaseDirectory);
        return Path.Combine(project, relative);
    }
}

public static class Snapshots
{
    public static bool UpdateRequested =>
        Environment.GetEnvironmentVariable("CHTCTL_UPDATE_SNAPSHOTS") == "1" && Environment.GetEnvironmentVariable("CI") != "true";

    /// <summary>
    /// Asserts the file at <paramref name="path"/> (in the source tree) holds exactly <paramref name="actual"/>;
    /// with CHTCTL_UPDATE_SNAPSHOTS=1 writes it instead. <paramref name="missing"/> is the failure when it does not exist.
    /// </summary>
    public static void AssertFile(string path, string actual, string missing)
    {
        if (UpdateRequested)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), missing);
        Assert.Equal(File.ReadAllText(path), actual);
    }

    public static void Write(RenderedTree tree, string directory)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        foreach (var file in tree.Files)
        {
            var path = Path.Combine(directory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
    }
}

/// <summary>Finds folders of the repository from a test's output directory.</summary>
public static class Repository
{
    /// <summary>The repository root: the folder holding chtctl.slnx.</summary>
    public static string Root { get; } = FindUp(AppContext.BaseDirectory, d => File.Exists(Path.Combine(d, "chtctl.slnx")));

    /// <summary><c>../shared</c> beside the repository: design, references and upstream fixtures.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string UpstreamFixture(string name)
    {
        var path = Path.Combine(Shared, "fixtures", "upstream", name);
        // CI places shared/ beside the clone; a clone elsewhere lacks the upstream fixtures these tests read.
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"upstream fixture {name} not found: expected {Shared} (shared/) beside the repository", path);
    }

    /// <summary>The test project's source folder (the one holding its .csproj).</summary>
    public static string FindProjectDirectory(string start) => FindUp(start, d => Directory.GetFiles(d, "*.csproj").Length > 0);

    private static string FindUp(string start, Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (found(dir.FullName))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException($"nothing matching above {start}");
    }
}
