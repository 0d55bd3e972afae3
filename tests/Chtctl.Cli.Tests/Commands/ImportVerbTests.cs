using System.Text.Json;
using Chtctl.Core.Parsing;
using Chtctl.Testing;

namespace Chtctl.Cli.Tests.Commands;

public sealed class ImportVerbTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Upstream_values_with_placeholders_are_refused_and_nothing_is_written()
    {
        var before = _cli.Snapshot();

        var result = _cli.Run("import", Repository.UpstreamFixture("cht-chart-4x.values.yaml"));

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(":20:3: error: couchdb.password: placeholder left in: '<password-value>'", result.Error, StringComparison.Ordinal);
        Assert.Contains(":2:1: error: namespace: placeholder left in: '<your-namespace>'", result.Error, StringComparison.Ordinal);
        Assert.Contains("warning: ingress.hosted_zone_id: ignored", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, _cli.Snapshot());
    }

    [Fact]
    public void Filled_in_values_become_an_instance_file_and_a_private_secrets_file()
    {
        var values = File.ReadAllText(Repository.UpstreamFixture("cht-chart-4x.values.yaml"))
            .Replace("<your-project-name>", "moh-clinic", StringComparison.Ordinal)
            .Replace("<your-namespace>", "moh-clinic", StringComparison.Ordinal)
            .Replace("<password-value>", "Str0ngPassw0rdFromTheCluster", StringComparison.Ordinal)
            .Replace("<subdomain>.dev.medicmobile.org", "clinic.moh.example.org", StringComparison.Ordinal);
        _cli.Write("values.yaml", values);

        var result = _cli.Run("import", "values.yaml", "--file", "clinic.yaml", "-o", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var instance = InstanceFileReader.Read(File.ReadAllText(Path.Combine(_cli.WorkingDirectory, "clinic.yaml")), "clinic.yaml");
        Assert.True(instance.Succeeded, string.Join("\n", instance.Diagnostics));
        Assert.Equal("moh-clinic", instance.Spec!.Name);
        Assert.Equal("clinic.moh.example.org", instance.Spec.Kubernetes.Ingress.Host ?? instance.Spec.Tls.Host);
        var secretsPath = Path.Combine(_cli.WorkingDirectory, "clinic.secrets.env");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretsPath));
        Assert.Contains("COUCHDB_PASSWORD=Str0ngPassw0rdFromTheCluster\n", File.ReadAllText(secretsPath), StringComparison.Ordinal);
        Assert.DoesNotContain("Str0ngPassw0rdFromTheCluster", result.Out + result.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("written").GetBoolean());
    }

    [Fact]
    public void An_existing_instance_file_is_not_overwritten_without_force()
    {
        _cli.Write("chtctl.yaml", "apiVersion: chtctl/v1\nname: keep-me\n");
        _cli.Write(".env", "CHT_COMPOSE_PROJECT_NAME=cht\nCOUCHDB_USER=medic\nCOUCHDB_PASSWORD=pw0123456789\nCOUCHDB_DATA=/home/ubuntu/cht/couchdb\n");

        var refused = _cli.Run("import", ".env", "--version", "4.22.0");
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        Assert.Contains("already exists; choose another --file or pass --force", refused.Error, StringComparison.Ordinal);
        Assert.Contains("keep-me", File.ReadAllText(Path.Combine(_cli.WorkingDirectory, "chtctl.yaml")), StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, _cli.Run("import", ".env", "--version", "4.22.0", "--force").ExitCode);
        Assert.Contains("name: cht", File.ReadAllText(Path.Combine(_cli.WorkingDirectory, "chtctl.yaml")), StringComparison.Ordinal);
    }
}
