using Chtctl.Cli.Commands;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;
using Spectre.Console.Testing;

namespace Chtctl.Cli.Tests.Commands;

public sealed class InitVerbTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private InstanceSpec ReadWritten(string file = "chtctl.yaml")
    {
        var result = InstanceFileReader.Read(File.ReadAllText(Path.Combine(_cli.WorkingDirectory, file)), file);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Spec!;
    }

    [Fact]
    public void In_scripts_flags_and_defaults_make_a_valid_commented_file()
    {
        var result = _cli.Run("init", "--name", "clinic-a", "--version", "4.22.0", "--host", "cht.example.org");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var spec = ReadWritten();
        Assert.Equal("clinic-a", spec.Name);
        Assert.Equal("4.22.0", spec.Cht.Version);
        Assert.Equal("cht.example.org", spec.Tls.Host);
        Assert.Contains("# CHT version: exact", File.ReadAllText(Path.Combine(_cli.WorkingDirectory, "chtctl.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubernetes_instance_gets_its_platform()
    {
        var result = _cli.Run("init", "--file", "k8s.yaml", "--name", "district", "--target", "kubernetes", "--platform", "eks", "--nodes", "3", "--host", "district.example.org");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var spec = ReadWritten("k8s.yaml");
        Assert.Equal(KubernetesPlatform.Eks, spec.Kubernetes.Platform);
        Assert.Equal(3, spec.Couchdb.Nodes);
    }

    [Fact]
    public void Invalid_answers_are_reported_and_no_file_is_written()
    {
        var result = _cli.Run("init", "--name", "Clinic A", "--nodes", "2");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("name: expected a DNS label", result.Error, StringComparison.Ordinal);
        Assert.Contains("couchdb.nodes: expected 1, or 3 and more; found 2", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cli.WorkingDirectory, "chtctl.yaml")));
    }

    [Fact]
    public void An_existing_file_is_kept_unless_forced()
    {
        _cli.Write("chtctl.yaml", "apiVersion: chtctl/v1\nname: mine\n");
        Assert.Equal(ExitCodes.Failure, _cli.Run("init", "--name", "other").ExitCode);
        Assert.Equal("mine", ReadWritten().Name);
        Assert.Equal(ExitCodes.Success, _cli.Run("init", "--name", "other", "--force").ExitCode);
        Assert.Equal("other", ReadWritten().Name);
    }

    [Fact]
    public void At_a_terminal_it_asks_for_what_the_flags_did_not_give()
    {
        var console = new TestConsole().Interactive();
        console.Input.PushTextWithEnter("clinic-b");   // instance name
        console.Input.PushKey(ConsoleKey.Enter);       // target: compose (first choice)
        console.Input.PushTextWithEnter("4.21.0");     // CHT version
        console.Input.PushTextWithEnter("1");          // CouchDB nodes
        console.Input.PushTextWithEnter("clinic-b.example.org");
        var stdout = new StringWriter();
        var context = new CliContext { Out = stdout, Error = new StringWriter(), WorkingDirectory = _cli.WorkingDirectory, ConsoleOverride = console };

        var code = Cli.Run(["init"], context);

        Assert.Equal(ExitCodes.Success, code);
        var spec = ReadWritten();
        Assert.Equal(("clinic-b", DeploymentTarget.Compose, "4.21.0", "clinic-b.example.org"), (spec.Name, spec.Target, spec.Cht.Version, spec.Tls.Host));
        Assert.Contains("Instance name", console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/srv/Clinic A", "clinic-a")]
    [InlineData("/home/ops/moh_kenya", "moh-kenya")]
    [InlineData("/", "cht")]
    public void The_suggested_name_comes_from_the_directory(string directory, string expected)
    {
        Assert.Equal(expected, InitVerb.DefaultName(directory));
    }
}
