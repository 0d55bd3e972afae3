using System.Text.Json;

namespace Chtctl.Cli.Tests.Commands;

public sealed class ValidateVerbTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_valid_file_exits_zero_and_says_so()
    {
        _cli.Write("clinic.yaml", "apiVersion: chtctl/v1\nname: clinic-a\ncht: { version: 4.22.0 }\n");

        var result = _cli.Run("validate", "clinic.yaml");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("clinic.yaml is valid (0 errors, 0 warnings)", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void An_invalid_file_lists_every_error_with_its_place_and_exits_invalid_input()
    {
        _cli.Write("clinic.yaml", "apiVersion: chtctl/v1\nname: clinic-a\ncouchdb: { nodes: 2, usr: medic }\n");

        var result = _cli.Run("validate", "clinic.yaml");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("clinic.yaml:3:19: error: couchdb.nodes: expected 1, or 3 and more; found 2", result.Error, StringComparison.Ordinal);
        Assert.Contains("clinic.yaml:3:22: error: couchdb.usr: unknown key 'usr' (hint: did you mean 'user'?)", result.Error, StringComparison.Ordinal);
        Assert.Contains("clinic.yaml is not valid: 2 errors, 0 warnings", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_goes_to_stdout_with_every_diagnostic()
    {
        _cli.Write("clinic.yaml", "apiVersion: chtctl/v1\nname: clinic-a\ncouchdb: { nodes: 2 }\n");

        var result = _cli.Run("validate", "clinic.yaml", "--output", "json");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var diagnostic = json.RootElement.GetProperty("diagnostics")[0];
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal("couchdb.nodes", diagnostic.GetProperty("path").GetString());
        Assert.Equal(3, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(19, diagnostic.GetProperty("column").GetInt32());
    }

    [Fact]
    public void A_missing_file_is_named_with_how_to_create_one()
    {
        var result = _cli.Run("validate", "nowhere.yaml");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("nowhere.yaml: error: file not found (hint: create one with 'chtctl init --file nowhere.yaml'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_file_the_conventional_chtctl_yaml_is_used_when_present()
    {
        _cli.Write("chtctl.yaml", "apiVersion: chtctl/v1\nname: BAD\n");
        var result = _cli.Run("validate");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("chtctl.yaml:2:7: error: name:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_file_the_built_in_local_instance_is_valid()
    {
        var result = _cli.Run("validate");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("<built-in default> is valid", result.Error, StringComparison.Ordinal);
    }
}
