using Chtctl.Core.Import;
using Chtctl.Core.Parsing;
using Chtctl.Testing;

namespace Chtctl.Core.Tests.Import;

/// <summary>The real values files operators start from, unchanged: both import, and every placeholder and unused key is named.</summary>
public sealed class UpstreamFixtureImportTests
{
    private static ImportResult ImportFixture(string name) =>
        Importer.Import(File.ReadAllText(Repository.UpstreamFixture(name)), name);

    [Fact]
    public void Chart_4x_values_import_to_an_eks_instance_with_the_alb_annotations()
    {
        var result = ImportFixture("cht-chart-4x.values.yaml");

        Assert.Equal(ImportFormat.HelmValues, result.Format);
        ImportAssert.InstanceFile("cht-chart-4x.instance.yaml", result);
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Info && d.Message.StartsWith("read as values of medic/cht-chart-4x", StringComparison.Ordinal));
    }

    [Fact]
    public void Chart_4x_values_report_each_placeholder_and_each_key_without_effect_at_its_line()
    {
        var result = ImportFixture("cht-chart-4x.values.yaml");

        Assert.Equal(
            [
                "error project_name:1",
                "error namespace:2",
                "warning cache_images:9",
                "warning upgrade_service.tag:16",
                "error couchdb.password:20",
                "warning couchdb.secret:21",
                "warning couchdb.uuid:23",
                "warning toleration:28",
                "error ingress.host:40",
                "warning ingress.hosted_zone_id:41",
                "warning ingress.load_balancer:42",
                "warning environment:44",
                "warning cert_source:46",
                "warning certificate_crt_file_path:47",
                "warning certificate_key_file_path:48",
            ],
            ImportAssert.Problems(result));
        Assert.False(result.Succeeded);
        Assert.Equal("placeholder left in: '<password-value>'", ImportAssert.Single(result, "couchdb.password", DiagnosticSeverity.Error).Message);
        Assert.Equal("placeholder left in: '<subdomain>.dev.medicmobile.org'", ImportAssert.Single(result, "ingress.host", DiagnosticSeverity.Error).Message);
        Assert.StartsWith("ignored: ", ImportAssert.Single(result, "ingress.hosted_zone_id", DiagnosticSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_4x_sample_uuids_are_imported_but_flagged_as_public()
    {
        var result = ImportFixture("cht-chart-4x.values.yaml");

        Assert.Equal(new ImportedSecrets(null, "f9053a0a-ef77-4be3-994d-87d6732600fd", "7300115e-1a98-4607-a37c-50e0c9913767"), result.Secrets);
        var warning = ImportAssert.Single(result, "couchdb.uuid", DiagnosticSeverity.Warning);
        Assert.Contains("public", warning.Message, StringComparison.Ordinal);
        Assert.Contains("local.d", warning.Hint, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation(23, 3), warning.Location);
    }

    [Fact]
    public void In_repo_chart_base_values_import_as_that_chart_with_template_variables_reported()
    {
        var result = ImportFixture("cht-chart-4.22-base.values.yaml");

        ImportAssert.InstanceFile("cht-chart-4.22-base.instance.yaml", result);
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Info && d.Message.StartsWith("read as values of the in-repo cht-chart", StringComparison.Ordinal));
        Assert.Equal(
            [
                "warning cluster_type:0",
                "error project_name:2",
                "error namespace:3",
                "error chtversion:4",
                "error cht_image_tag:5",
                "warning cache_images:16",
                "warning upgrade_service.tag:24",
                "error couchdb.password:28",
                "error couchdb.secret:29",
                "error couchdb.uuid:31",
                "error couchdb.couchdb_node_storage_size:32",
            ],
            ImportAssert.Problems(result));
        Assert.Equal("placeholder left in: '{{cht_version}}'", ImportAssert.Single(result, "chtversion", DiagnosticSeverity.Error).Message);
        Assert.True(result.Secrets.IsEmpty);
    }
}
