using Chtctl.Core.Secrets;

namespace Chtctl.Cli.Tests.Commands;

public sealed class RenderVerbTests : IDisposable
{
    private const string Compose = "apiVersion: chtctl/v1\nname: clinic-a\ncht: { version: 4.22.0 }\ntls: { host: cht.example.org }\ncompose: { home: HOME }\n";
    private const string Kubernetes = "apiVersion: chtctl/v1\nname: district\ntarget: kubernetes\ncht: { version: 4.22.0 }\ncouchdb: { nodes: 3 }\ntls: { host: district.example.org }\n";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Path(string relative) => System.IO.Path.Combine(_cli.WorkingDirectory, relative);

    private void WriteCompose() => _cli.Write("clinic.yaml", Compose.Replace("HOME", Path("home"), StringComparison.Ordinal));

    [Fact]
    public void A_compose_instance_renders_its_project_into_a_directory_with_secrets_redacted()
    {
        WriteCompose();

        var result = _cli.Run("render", "clinic.yaml", "--output", "out");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(File.Exists(Path("out/docker-compose.yml")));
        Assert.True(File.Exists(Path("out/haproxy/haproxy.cfg")));
        Assert.True(File.Exists(Path("out/nginx/nginx.conf")));
        Assert.Contains("COUCHDB_PASSWORD=<redacted>", File.ReadAllText(Path("out/.env")), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path("out/.env")));
        Assert.Contains("Rendered", result.Error, StringComparison.Ordinal);
        Assert.Contains("(compose, CHT 4.22.0)", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path("home")), "rendering without --include-secrets must not touch the instance home");
    }

    [Fact]
    public void Include_secrets_creates_the_store_once_and_keeps_it_across_renders()
    {
        WriteCompose();

        Assert.Equal(ExitCodes.Success, _cli.Run("render", "clinic.yaml", "--output", "out", "--include-secrets").ExitCode);
        var store = Path("home/secrets.env");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store));
        var secrets = SecretsFile.Parse(File.ReadAllText(store))!;
        Assert.Contains($"COUCHDB_PASSWORD={secrets.CouchDbPassword}", File.ReadAllText(Path("out/.env")), StringComparison.Ordinal);

        var again = _cli.Run("render", "clinic.yaml", "--output", "out", "--include-secrets");
        Assert.Equal(secrets, SecretsFile.Parse(File.ReadAllText(store)));
        Assert.DoesNotContain(secrets.CouchDbPassword, again.Out + again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubernetes_instance_renders_one_stream_to_stdout()
    {
        _cli.Write("district.yaml", Kubernetes);

        var result = _cli.Run("render", "district.yaml");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var objects = k8s.KubernetesYaml.LoadAllFromString(result.Out);
        Assert.Contains(objects, o => o is k8s.Models.V1Deployment { Metadata.Name: "cht-couchdb-3" });
        Assert.Contains(objects, o => o is k8s.Models.V1Ingress { Metadata.Name: "api-ingress" });
        Assert.Equal(result.Out.Split("\n---\n").Length, objects.Count);
    }

    [Fact]
    public void Kubernetes_secrets_are_not_invented_locally()
    {
        _cli.Write("district.yaml", Kubernetes);
        var result = _cli.Run("render", "district.yaml", "--include-secrets");
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("the Secret cht-couchdb-credentials", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_file_changes_nothing_on_disk()
    {
        _cli.Write("clinic.yaml", "apiVersion: chtctl/v1\nname: clinic-a\ncouchdb: { nodes: 2 }\n");
        _cli.Write("out/previous.txt", "kept");
        var before = _cli.Snapshot();

        var result = _cli.Run("render", "clinic.yaml", "--output", "out", "--include-secrets");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("nothing was written", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, _cli.Snapshot());
    }

    [Fact]
    public void A_foreign_non_empty_directory_is_refused()
    {
        WriteCompose();
        _cli.Write("docs/notes.md", "mine");

        var result = _cli.Run("render", "clinic.yaml", "--output", "docs");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("is not empty and was not written by chtctl render", result.Error, StringComparison.Ordinal);
        Assert.Equal(["notes.md"], Directory.GetFiles(Path("docs")).Select(System.IO.Path.GetFileName));
    }

    [Fact]
    public void Rendering_again_removes_files_that_are_no_longer_rendered()
    {
        _cli.Write("clinic.yaml", Compose.Replace("HOME", Path("home"), StringComparison.Ordinal).Replace("version: 4.22.0", "version: 5.2.0", StringComparison.Ordinal)
            .Replace("name: clinic-a", "name: clinic-a\ntarget: kubernetes", StringComparison.Ordinal).Replace("compose: { home: " + Path("home") + " }\n", "", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Success, _cli.Run("render", "clinic.yaml", "--output", "out").ExitCode);
        var nouveau = Directory.GetFiles(Path("out"), "*nouveau*");
        Assert.NotEmpty(nouveau);

        _cli.Write("clinic.yaml", File.ReadAllText(Path("clinic.yaml")).Replace("version: 5.2.0", "version: 4.22.0", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Success, _cli.Run("render", "clinic.yaml", "--output", "out").ExitCode);

        Assert.All(nouveau, f => Assert.False(File.Exists(f), $"{f} was left behind"));
    }

    [Fact]
    public void Target_flag_renders_the_same_instance_for_the_other_target()
    {
        var result = _cli.Run("render", "--target", "kubernetes");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("kind: Deployment", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_is_byte_identical_run_after_run()
    {
        _cli.Write("district.yaml", Kubernetes);
        Assert.Equal(_cli.Run("render", "district.yaml").Out, _cli.Run("render", "district.yaml").Out);
    }
}
