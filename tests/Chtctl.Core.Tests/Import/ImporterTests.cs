using Chtctl.Core.Import;

namespace Chtctl.Core.Tests.Import;

public sealed class ImporterTests
{
    private const string Env = "COUCHDB_USER=medic\nCOUCHDB_PASSWORD=x\n";
    private const string Values = "project_name: a\ncouchdb:\n  user: medic\n";

    [Theory]
    [InlineData(".env", Env, ImportFormat.DockerEnv)]
    [InlineData("/home/ubuntu/cht/upgrade-service/.env", Env, ImportFormat.DockerEnv)]
    [InlineData("prod.env", Env, ImportFormat.DockerEnv)]
    [InlineData("values.yaml", Values, ImportFormat.HelmValues)]
    [InlineData("migration-5x-values.yml", Values, ImportFormat.HelmValues)]
    [InlineData("from-stdin", Env, ImportFormat.DockerEnv)]
    [InlineData("from-stdin", "# exported\nexport COUCHDB_USER=medic\n", ImportFormat.DockerEnv)]
    [InlineData("from-stdin", Values, ImportFormat.HelmValues)]
    public void Format_is_told_from_the_name_or_else_the_content(string fileName, string text, ImportFormat expected)
    {
        Assert.Equal(expected, Importer.Import(text, fileName).Format);
    }

    [Fact]
    public void Format_given_by_the_caller_wins_over_the_name()
    {
        var result = Importer.Import(Env, "values.yaml", new ImportOptions { Format = ImportFormat.DockerEnv, ChtVersion = "4.22.0" });

        Assert.Equal(ImportFormat.DockerEnv, result.Format);
        Assert.Equal("medic", result.Spec!.Couchdb.User);
    }

    [Fact]
    public void Text_that_is_neither_format_is_refused_with_a_hint()
    {
        var result = Importer.Import("just some words\nand more\n", "notes.txt");

        Assert.Null(result.Spec);
        Assert.Null(result.Format);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("notes.txt", error.File);
        Assert.Contains("helm or env", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chtctl_instance_file_is_not_imported_again()
    {
        var result = Importer.Import("apiVersion: chtctl/v1\nname: a\n", "instance.yaml");

        Assert.Null(result.Spec);
        Assert.Contains("already a chtctl instance file", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnostics_name_the_file_they_came_from()
    {
        var result = Importer.Import("project_name: <x>\n", "clinic/values.yaml");

        Assert.All(result.Diagnostics, d => Assert.Equal("clinic/values.yaml", d.File));
        Assert.StartsWith("clinic/values.yaml:1:1: error: project_name: placeholder left in", result.Diagnostics.Single(d => d.IsError && d.Path == "project_name").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Imported_secrets_never_show_their_values_in_text()
    {
        var secrets = new ImportedSecrets("hunter2hunter2", "the-secret", null);
        var result = new ImportResult(null, secrets, []);

        Assert.Equal("ImportedSecrets { password, secret: <redacted> }", secrets.ToString());
        Assert.DoesNotContain("hunter2", result.ToString(), StringComparison.Ordinal);
        Assert.Equal("ImportedSecrets { none }", ImportedSecrets.None.ToString());
    }

    [Fact]
    public void Completing_imported_secrets_keeps_what_was_imported_and_fills_the_rest()
    {
        var complete = new ImportedSecrets("pw", null, "uuid-1").Complete();

        Assert.Equal("pw", complete.CouchDbPassword);
        Assert.Equal("uuid-1", complete.CouchDbUuid);
        Assert.Equal(32, complete.CouchDbSecret.Length);
        Assert.NotEmpty(complete.ErlangCookie);
    }
}
