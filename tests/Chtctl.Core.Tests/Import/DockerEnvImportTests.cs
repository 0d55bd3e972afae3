using Chtctl.Core.Import;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Tests.Import;

/// <summary>The .env of the documented upstream Docker install, and the ways operators have written it.</summary>
public sealed class DockerEnvImportTests
{
    /// <summary>The production layout of the CHT docs (hosting/4.x/docker/installation.md).</summary>
    private const string DocsEnv = """
        CHT_COMPOSE_PROJECT_NAME=cht
        COUCHDB_SECRET=thin-crane-awkward-jelly-violin-brave-harbor
        DOCKER_CONFIG_PATH=/home/ubuntu/cht/upgrade-service
        COUCHDB_DATA=/home/ubuntu/cht/couchdb
        CHT_COMPOSE_PATH=/home/ubuntu/cht/compose
        COUCHDB_USER=medic
        COUCHDB_PASSWORD=quietriverstonelanternorbitmaplemeadow
        COUCHDB_UUID=0f8e4b3c-1d2a-4e5f-9a8b-7c6d5e4f3a2b
        # ADD_SERVERNAME_TO_HTTP_AGENT=true
        # PROXY_CHANGE_ORIGIN=true
        """;

    [Fact]
    public void Documented_single_node_env_becomes_a_compose_instance_with_its_data_directory_and_secrets()
    {
        var result = ImportAssert.Env(DocsEnv);

        Assert.Equal(ImportFormat.DockerEnv, result.Format);
        Assert.Empty(ImportAssert.Problems(result));
        var spec = ImportAssert.ReadsBackClean(result);
        ImportAssert.InstanceFile("env-single.instance.yaml", result);
        Assert.Equal("cht", spec.Name);
        Assert.Equal(DeploymentTarget.Compose, spec.Target);
        Assert.Equal("/home/ubuntu/cht/couchdb", spec.Compose.DataDir);
        Assert.Equal("4.11.0", spec.Cht.Version);
        Assert.Equal(1, spec.Couchdb.Nodes);
        Assert.Equal(new ImportedSecrets("quietriverstonelanternorbitmaplemeadow", "thin-crane-awkward-jelly-violin-brave-harbor", "0f8e4b3c-1d2a-4e5f-9a8b-7c6d5e4f3a2b"), result.Secrets);
        Assert.Contains("not needed", ImportAssert.Single(result, "CHT_COMPOSE_PATH", DiagnosticSeverity.Info).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_version_the_instance_asks_for_latest_and_says_to_pin_it()
    {
        var result = ImportAssert.Env(DocsEnv, chtVersion: null);

        Assert.Equal("latest", result.Spec!.Cht.Version);
        var warning = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains("does not say which CHT version", warning.Message, StringComparison.Ordinal);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Clustered_env_with_couchdb_n_directories_maps_to_their_parent_and_three_nodes()
    {
        var result = ImportAssert.Env("""
            CHT_COMPOSE_PROJECT_NAME=cluster
            COUCHDB_USER=medic
            COUCHDB_PASSWORD=pw
            COUCHDB_SECRET=s
            COUCHDB_UUID=u
            DB1_DATA=/srv/cht/couchdb-1
            DB2_DATA=/srv/cht/couchdb-2
            DB3_DATA=/srv/cht/couchdb-3
            COUCHDB_SERVERS=couchdb-1.local,couchdb-2.local,couchdb-3.local
            """);

        // The one warning is the validator's: three nodes on one machine add no redundancy.
        Assert.Equal(["warning DB1_DATA:6"], ImportAssert.Problems(result));
        Assert.Contains("no redundancy", result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Warning).Message, StringComparison.Ordinal);
        ImportAssert.InstanceFile("env-cluster.instance.yaml", result);
        Assert.Equal(3, result.Spec!.Couchdb.Nodes);
        Assert.Equal("/srv/cht", result.Spec.Compose.DataDir);
        Assert.Contains("not needed", ImportAssert.Single(result, "COUCHDB_SERVERS", DiagnosticSeverity.Info).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clustered_env_with_other_directory_names_says_where_each_node_must_move()
    {
        var result = ImportAssert.Env("""
            COUCHDB_PASSWORD=pw
            COUCHDB_SECRET=s
            COUCHDB_UUID=u
            DB1_DATA=/data/srv1
            DB2_DATA=/data/srv2
            DB3_DATA=/data/srv3
            """);

        Assert.Equal("/data", result.Spec!.Compose.DataDir);
        var node2 = ImportAssert.Single(result, "DB2_DATA", DiagnosticSeverity.Warning);
        Assert.Equal("chtctl keeps node 2's data in /data/couchdb-2, not /data/srv2", node2.Message);
        Assert.Equal(new SourceLocation(5, 1), node2.Location);
    }

    [Fact]
    public void Own_certificate_becomes_files_with_a_warning_that_the_paths_are_inside_the_container()
    {
        var result = ImportAssert.Env(DocsEnv + """

            CERTIFICATE_MODE=OWN_CERT
            SSL_CERT_FILE_PATH=/etc/nginx/private/fullchain.pem
            COMMON_NAME=cht.example.org
            NGINX_HTTP_PORT=8080
            NGINX_HTTPS_PORT=8443
            """);

        var spec = result.Spec!;
        ImportAssert.InstanceFile("env-own-cert.instance.yaml", result);
        Assert.Equal(TlsMode.Files, spec.Tls.Mode);
        Assert.Equal("/etc/nginx/private/fullchain.pem", spec.Tls.CertificateFile);
        Assert.Equal("/etc/nginx/private/key.pem", spec.Tls.KeyFile);
        Assert.Equal("cht.example.org", spec.Tls.Host);
        Assert.Equal(new PortsSpec { Http = 8080, Https = 8443 }, spec.Compose.Ports);
        Assert.Equal(["warning SSL_CERT_FILE_PATH:12"], ImportAssert.Problems(result));
        var warning = ImportAssert.Single(result, "SSL_CERT_FILE_PATH", DiagnosticSeverity.Warning);
        Assert.Contains("inside the nginx container (volume cht_cht-ssl)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("docker cp cht-nginx-1:/etc/nginx/private/fullchain.pem", warning.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_generated_certificates_become_acme_with_the_contact_from_email()
    {
        var result = ImportAssert.Env(DocsEnv + "\nCERTIFICATE_MODE=AUTO_GENERATE\nCOMMON_NAME=cht.example.org\nEMAIL=ops@example.org\n");

        var spec = ImportAssert.ReadsBackClean(result);
        Assert.Equal(TlsMode.Acme, spec.Tls.Mode);
        Assert.Equal("ops@example.org", spec.Tls.AcmeEmail);
    }

    [Fact]
    public void Auto_generated_certificates_without_email_are_an_error_at_the_mode()
    {
        var result = ImportAssert.Env(DocsEnv + "\nCERTIFICATE_MODE=AUTO_GENERATE\nCOMMON_NAME=cht.example.org\n");

        Assert.Equal(["error CERTIFICATE_MODE:11"], ImportAssert.Problems(result));
        Assert.Contains("needs a contact e-mail", ImportAssert.Single(result, "CERTIFICATE_MODE", DiagnosticSeverity.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Medic_default_email_is_flagged_for_acme()
    {
        var result = ImportAssert.Env(DocsEnv + "\nCERTIFICATE_MODE=AUTO_GENERATE\nCOMMON_NAME=cht.example.org\nEMAIL=domains@medic.org\n");

        Assert.Contains("Medic's address", ImportAssert.Single(result, "EMAIL", DiagnosticSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Self_signed_is_kept_and_subject_fields_are_noted_as_not_needed()
    {
        var result = ImportAssert.Env(DocsEnv + "\nCERTIFICATE_MODE=SELF_SIGNED\nCOMMON_NAME=clinic.lan\nCOUNTRY=KE\nEMAIL=it@clinic.lan\n");

        var spec = ImportAssert.ReadsBackClean(result);
        Assert.Equal(TlsMode.SelfSigned, spec.Tls.Mode);
        Assert.Equal("clinic.lan", spec.Tls.Host);
        Assert.Equal(DiagnosticSeverity.Info, ImportAssert.Single(result, "COUNTRY", DiagnosticSeverity.Info).Severity);
    }

    [Fact]
    public void Unknown_certificate_mode_is_an_error_with_a_suggestion()
    {
        var result = ImportAssert.Env("CERTIFICATE_MODE=OWN_CRT\nCOUCHDB_PASSWORD=x\n");

        Assert.Equal("did you mean 'OWN_CERT'?", ImportAssert.Single(result, "CERTIFICATE_MODE", DiagnosticSeverity.Error).Hint);
    }

    [Fact]
    public void Env_syntax_comments_export_quotes_and_repeats_are_read_as_docker_compose_does()
    {
        var result = ImportAssert.Env("""
            # upstream .env
            export CHT_COMPOSE_PROJECT_NAME=clinic   # inline comment
            COUCHDB_USER='medic'
              COUCHDB_PASSWORD="pa ss#word"
            COUCHDB_SECRET="line one
            line two"
            COUCHDB_UUID=first
            COUCHDB_UUID=second
            MARKET_URL_READ=https://builds.example.org
            COUCHDB_LOG_LEVEL=warning
            not a variable
            """);

        var spec = result.Spec!;
        Assert.Equal("clinic", spec.Name);
        Assert.Equal("medic", spec.Couchdb.User);
        Assert.Equal(CouchDbLogLevel.Warning, spec.Couchdb.LogLevel);
        Assert.Equal("https://builds.example.org/_couch/builds_4", spec.Cht.BuildsUrl);
        Assert.Equal(new ImportedSecrets("pa ss#word", "line one\nline two", "second"), result.Secrets);
        Assert.Equal(
            [
                "warning COUCHDB_DATA:0",
                "warning COUCHDB_PASSWORD:4",
                "warning COUCHDB_UUID:8",
                "error :11",
            ],
            ImportAssert.Problems(result));
        Assert.Contains("already set on line 7", ImportAssert.Single(result, "COUCHDB_UUID", DiagnosticSeverity.Warning).Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation(4, 3), ImportAssert.Single(result, "COUCHDB_PASSWORD", DiagnosticSeverity.Warning).Location);
    }

    [Fact]
    public void Project_name_that_is_not_a_dns_label_is_sanitised_with_a_note()
    {
        var result = ImportAssert.Env("CHT_COMPOSE_PROJECT_NAME=My_CHT\nCOUCHDB_PASSWORD=x\nCOUCHDB_SECRET=s\nCOUCHDB_UUID=u\nCOUCHDB_DATA=/srv\n");

        Assert.Equal("my-cht", result.Spec!.Name);
        var note = ImportAssert.Single(result, "CHT_COMPOSE_PROJECT_NAME", DiagnosticSeverity.Info);
        Assert.Equal("'My_CHT' is not a DNS label; the instance is named 'my-cht'", note.Message);
    }

    [Fact]
    public void Upstream_defaults_apply_where_the_env_is_silent()
    {
        var result = ImportAssert.Env("COUCHDB_PASSWORD=x\nCHT_COMPOSE_PATH=/opt/cht/compose\n");

        var spec = result.Spec!;
        Assert.Equal("cht", spec.Name);
        Assert.Equal("admin", spec.Couchdb.User);
        Assert.Equal("/opt/cht/compose/srv", spec.Compose.DataDir);
        Assert.Equal(["warning COUCHDB_DATA:0", "warning COUCHDB_SECRET:0", "warning COUCHDB_UUID:0"], ImportAssert.Problems(result));
        Assert.Contains("local.d", ImportAssert.Single(result, "COUCHDB_SECRET", DiagnosticSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_data_directory_resolves_against_the_compose_path()
    {
        var result = ImportAssert.Env("COUCHDB_PASSWORD=x\nCOUCHDB_SECRET=s\nCOUCHDB_UUID=u\nCHT_COMPOSE_PATH=/opt/cht/compose\nCOUCHDB_DATA=./couchdb\n");

        Assert.Equal("/opt/cht/compose/couchdb", result.Spec!.Compose.DataDir);
    }

    [Fact]
    public void Bad_values_are_errors_at_their_variable()
    {
        var result = ImportAssert.Env("COUCHDB_PASSWORD=x\nCOUCHDB_SECRET=s\nCOUCHDB_UUID=u\nCOUCHDB_DATA=srv\nNGINX_HTTPS_PORT=https\nCOUCHDB_USER=Medic Admin\n");

        Assert.Equal(["error COUCHDB_DATA:4", "error NGINX_HTTPS_PORT:5", "error COUCHDB_USER:6"], ImportAssert.Problems(result));
        Assert.EndsWith("(as compose.dataDir)", ImportAssert.Single(result, "COUCHDB_DATA", DiagnosticSeverity.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_chtctl_cannot_carry_over_are_warned_and_unknown_ones_suggested()
    {
        var result = ImportAssert.Env(DocsEnv + "\nLOG_MAX_SIZE=200m\nPROXY_CHANGE_ORIGIN=false\nCHT_NETWORK=shared-net\nCOUCHDB_PASSWROD=x\n");

        Assert.Equal(["warning LOG_MAX_SIZE:11", "warning CHT_NETWORK:13", "warning COUCHDB_PASSWROD:14"], ImportAssert.Problems(result));
        Assert.Equal("did you mean 'COUCHDB_PASSWORD'?", ImportAssert.Single(result, "COUCHDB_PASSWROD", DiagnosticSeverity.Warning).Hint);
        Assert.Equal(DiagnosticSeverity.Info, ImportAssert.Single(result, "PROXY_CHANGE_ORIGIN", DiagnosticSeverity.Info).Severity);
    }
}
