using Chtctl.Core.Import;
using Chtctl.Testing;

namespace Chtctl.Core.Tests.Import;

/// <summary>Whatever an operator feeds it, import answers with diagnostics, never with an exception.</summary>
public sealed class ImportRobustnessTests
{
    [Theory]
    [InlineData("cht-chart-4x.values.yaml")]
    [InlineData("cht-chart-4.22-base.values.yaml")]
    public void Every_truncation_of_a_real_values_file_imports_without_throwing(string fixture)
    {
        var text = File.ReadAllText(Repository.UpstreamFixture(fixture));
        for (var length = 0; length <= text.Length; length += 7)
        {
            var result = Importer.Import(text[..length], fixture);
            Assert.True(result.Spec is not null || result.Diagnostics.Any(d => d.IsError), $"no spec and no error at length {length}");
        }
    }

    [Theory]
    [InlineData("values.yaml", "couchdb:\n  user: a\ncouchdb:\n  user: b\n")]
    [InlineData("values.yaml", "- a\n- b\n")]
    [InlineData("values.yaml", "")]
    [InlineData("values.yaml", "couchdb: [1, 2]\nnodes: plain\nclusteredCouch:\n  noOfCouchDBNodes: {a: 1}\n")]
    [InlineData("values.yaml", "couchdb:\n  clusteredCouch_enabled: maybe\nclusteredCouch:\n  noOfCouchDBNodes: three\n")]
    [InlineData(".env", "")]
    [InlineData(".env", "=value\nKEY\n\"unterminated=\nA=\"never closed\n")]
    [InlineData(".env", "NGINX_HTTP_PORT=99999\nCOUCHDB_LOG_LEVEL=loud\n")]
    public void Malformed_input_is_reported_not_thrown(string fileName, string text)
    {
        var result = Importer.Import(text, fileName, new ImportOptions { ChtVersion = "4.22.0" });

        Assert.Contains(result.Diagnostics, d => d.IsError);
        Assert.All(result.Diagnostics, d => Assert.Equal(fileName, d.File));
    }
}
