using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Tests.Parsing;

public sealed class InstanceFileReaderTests
{
    [Fact]
    public void A_minimal_file_gets_every_default()
    {
        var result = InstanceFileReader.Read("apiVersion: chtctl/v1\nname: clinic-a\n", "instance.yaml");

        Assert.True(result.Succeeded);
        var spec = result.Spec!;
        Assert.Equal(DeploymentTarget.Compose, spec.Target);
        Assert.Equal("latest", spec.Cht.Version);
        Assert.Equal(1, spec.Couchdb.Nodes);
        Assert.Equal("medic", spec.Couchdb.User);
        Assert.Equal(TlsMode.SelfSigned, spec.Tls.EffectiveMode(spec.Target));
        Assert.Equal(443, spec.Compose.Ports.Https);
    }

    [Fact]
    public void The_issue_sketch_reads_as_written()
    {
        const string yaml = """
            apiVersion: chtctl/v1
            name: clinic-a
            cht: { version: 4.22.0 }
            target: compose
            compose: { home: /srv/chtctl/clinic-a, ports: { http: 80, https: 443 } }
            couchdb: { nodes: 1, user: medic }
            tls: { mode: self-signed, host: cht.example.org }
            """;

        var result = InstanceFileReader.Read(yaml, "instance.yaml");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("/srv/chtctl/clinic-a", result.Spec!.Compose.Home);
        Assert.Equal("cht.example.org", result.Spec.Tls.Host);
    }

    [Fact]
    public void Quoted_numbers_and_yes_no_booleans_are_accepted_as_operators_write_them()
    {
        var result = InstanceFileReader.Read("apiVersion: chtctl/v1\nname: clinic-a\ncouchdb: { nodes: '3' }\n", "instance.yaml");
        Assert.Equal(3, result.Spec!.Couchdb.Nodes);
    }

    [Fact]
    public void Warnings_do_not_make_a_file_invalid()
    {
        var result = InstanceFileReader.Read("apiVersion: chtctl/v1\nname: clinic-a\ncouchdb: { nodes: 3 }\nkubernetes: { platform: eks }\n", "instance.yaml");

        Assert.True(result.Succeeded);
        Assert.Equal(["couchdb.nodes", "kubernetes"], result.Diagnostics.Where(d => !d.IsError).Select(d => d.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Kubernetes_file_with_every_storage_option_of_its_platform_is_valid()
    {
        const string yaml = """
            apiVersion: chtctl/v1
            name: moh-kenya
            target: kubernetes
            cht: { version: 4.x }
            couchdb: { nodes: 3 }
            tls: { host: cht.moh.example.org }
            kubernetes:
              namespace: moh-kenya-prod
              platform: k3s
              pinning: [worker-1, worker-2, worker-3]
              storage:
                size: 500Gi
                dataSubPath: "storage/medic-core/couchdb/data"
                hostPaths: [/srv/couchdb1, /srv/couchdb2, /srv/couchdb3]
              ingress:
                class: traefik
                tlsSecret: api-tls-secret
                annotations: { traefik.ingress.kubernetes.io/router.tls: "true" }
            """;

        var result = InstanceFileReader.Read(yaml, "instance.yaml");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["worker-1", "worker-2", "worker-3"], result.Spec!.Kubernetes.Pinning);
        Assert.Equal("true", result.Spec.Kubernetes.Ingress.Annotations["traefik.ingress.kubernetes.io/router.tls"]);
        Assert.Equal(new SourceLocation(14, 17), result.Map.Find("kubernetes.storage.hostPaths[0]"));
    }

    [Theory]
    [InlineData("verison", "version")]
    [InlineData("regsitry", "registry")]
    [InlineData("node", "nodes")]
    [InlineData("completely-different", null)]
    public void Suggestions_are_offered_only_for_likely_typos(string typo, string? expected)
    {
        Assert.Equal(expected, DidYouMean.Suggest(typo, ["version", "registry", "buildsUrl", "nodes", "user"]));
    }
}
