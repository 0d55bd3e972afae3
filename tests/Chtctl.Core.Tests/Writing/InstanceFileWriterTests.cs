using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;
using Chtctl.Core.Writing;

namespace Chtctl.Core.Tests.Writing;

public sealed class InstanceFileWriterTests
{
    [Fact]
    public void Minimal_spec_is_written_with_only_the_keys_every_file_carries()
    {
        var text = InstanceFileWriter.Write(new InstanceSpec { Name = "clinic-a" });

        Assert.Equal(
            """
            # Version of the instance file format. Always `chtctl/v1`.
            apiVersion: chtctl/v1
            # Instance name: a DNS label (lowercase letters, digits, '-', at most 63 characters). Names the
            # Compose project, the Kubernetes namespace by default and the instance home.
            name: clinic-a
            # Where the instance runs: `compose` (one machine with Docker) or `kubernetes`.
            target: compose

            # Which CHT release runs and where its images and releases come from.
            cht:
              # CHT version: exact (`4.22.0`), a release line (`4.x`, `5.x`) or `latest`. A line or `latest` is
              # pinned to an exact release in the instance state when it is first applied.
              version: latest

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
    }

    [Fact]
    public void Kubernetes_instance_writes_its_section_after_tls_and_lists_and_annotations_in_block_style()
    {
        var spec = new InstanceSpec
        {
            Name = "prod",
            Target = DeploymentTarget.Kubernetes,
            Cht = new ChtSpec { Version = "4.22.0" },
            Couchdb = new CouchDbSpec { Nodes = 3 },
            Tls = new TlsSpec { Mode = TlsMode.Ingress, Host = "cht.example.org" },
            Compose = new ComposeSpec { DataDir = "/srv/data" },
            Kubernetes = new KubernetesSpec
            {
                Platform = KubernetesPlatform.Eks,
                Pinning = ["n1", "n2", "n3"],
                Ingress = new IngressSpec
                {
                    Annotations = new Dictionary<string, string>
                    {
                        ["alb.ingress.kubernetes.io/tags"] = "Environment=dev,Team=QA",
                        ["alb.ingress.kubernetes.io/group.name"] = "dev-cht-alb",
                    },
                },
            },
        };

        var keys = KeyLines(InstanceFileWriter.Write(spec));

        Assert.Equal(
            [
                "apiVersion: chtctl/v1", "name: prod", "target: kubernetes",
                "cht:", "  version: 4.22.0",
                "couchdb:", "  nodes: 3",
                "tls:", "  mode: ingress", "  host: cht.example.org",
                "kubernetes:", "  platform: eks", "  pinning:", "    - n1", "    - n2", "    - n3",
                "  ingress:", "    annotations:",
                "      alb.ingress.kubernetes.io/group.name: dev-cht-alb",
                "      alb.ingress.kubernetes.io/tags: Environment=dev,Team=QA",
                "compose:", "  dataDir: /srv/data",
            ],
            keys);
    }

    [Fact]
    public void Every_written_key_has_its_documentation_above_it()
    {
        var spec = new InstanceSpec
        {
            Name = "docs",
            Couchdb = new CouchDbSpec { Nodes = 3, User = "admin", LogLevel = CouchDbLogLevel.Debug },
            Tls = new TlsSpec { Mode = TlsMode.Acme, Host = "cht.example.org", AcmeEmail = "ops@example.org" },
            Compose = new ComposeSpec { Home = "/srv/x", Ports = new PortsSpec { Http = 8080, Https = 8443 } },
        };

        var lines = InstanceFileWriter.Write(spec).Split('\n');

        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].TrimStart().StartsWith('#'))
                continue;
            Assert.True(i > 0 && lines[i - 1].TrimStart().StartsWith('#'), $"no comment above '{lines[i]}'");
        }

        Assert.Contains("  # CouchDB admin user name; api and sentinel connect as this user.", lines);
    }

    [Fact]
    public void Nullable_record_without_values_and_empty_collections_are_written_so_they_read_back()
    {
        var spec = new InstanceSpec
        {
            Name = "edge",
            Resources = new ResourcesSpec { Api = new ResourceSpec() },
            Kubernetes = new KubernetesSpec { Storage = new StorageSpec { DataSubPath = "", Vsphere = new VsphereSpec() } },
        };

        var text = InstanceFileWriter.Write(spec);

        Assert.Contains("  api: {}\n", text, StringComparison.Ordinal);
        Assert.Contains("    dataSubPath: \"\"\n", text, StringComparison.Ordinal);
        Assert.Contains("      datastore: \"\"\n", text, StringComparison.Ordinal);
        SpecAssert.Equal(spec, ReadBack(text));
    }

    [Fact]
    public void Header_becomes_comment_lines_at_the_top()
    {
        var text = InstanceFileWriter.Write(new InstanceSpec { Name = "x" }, "Imported from values.yaml\n\nby chtctl");

        Assert.StartsWith("# Imported from values.yaml\n#\n# by chtctl\n\n# Version", text, StringComparison.Ordinal);
        SpecAssert.Equal(new InstanceSpec { Name = "x" }, ReadBack(text));
    }

    [Theory]
    [MemberData(nameof(TrickyTextRows))]
    public void Text_that_looks_like_other_yaml_reads_back_unchanged(string value)
    {
        var spec = new InstanceSpec
        {
            Name = "t",
            Compose = new ComposeSpec { Home = value },
            Kubernetes = new KubernetesSpec
            {
                Pinning = [value],
                Ingress = new IngressSpec { Annotations = new Dictionary<string, string> { [value] = value } },
            },
        };

        SpecAssert.Equal(spec, ReadBack(InstanceFileWriter.Write(spec)));
    }

    public static TheoryData<string> TrickyTextRows()
    {
        var rows = new TheoryData<string>();
        foreach (var text in RandomSpecs.TrickyText)
            rows.Add(text);
        return rows;
    }

    [Fact]
    public void Any_spec_reads_back_to_an_equal_spec_and_writes_again_to_the_same_text()
    {
        var specs = new RandomSpecs(seed: 20261124);
        for (var i = 0; i < 1000; i++)
        {
            var spec = specs.Next();
            var text = InstanceFileWriter.Write(spec);

            var read = InstanceFileReader.Read(text, "random.yaml");

            Assert.True(read.Spec is not null, $"spec {i} did not read back:\n{text}\n{string.Join("\n", read.Diagnostics)}");
            Assert.True(SpecAssert.FirstDifference(spec, read.Spec, "") is null,
                $"spec {i} differs at {SpecAssert.FirstDifference(spec, read.Spec, "")}:\n{text}");
            Assert.Equal(text, InstanceFileWriter.Write(read.Spec));
        }
    }

    [Fact]
    public void Output_does_not_depend_on_the_order_annotations_were_added()
    {
        InstanceSpec WithAnnotations(params string[] keys) => new()
        {
            Name = "order",
            Target = DeploymentTarget.Kubernetes,
            Kubernetes = new KubernetesSpec { Ingress = new IngressSpec { Annotations = keys.ToDictionary(k => k, k => "v") } },
        };

        Assert.Equal(InstanceFileWriter.Write(WithAnnotations("b/x", "a/y", "c/z")), InstanceFileWriter.Write(WithAnnotations("c/z", "a/y", "b/x")));
    }

    [Fact]
    public void Keys_at_their_default_are_left_out()
    {
        var text = InstanceFileWriter.Write(new InstanceSpec
        {
            Name = "d",
            Couchdb = new CouchDbSpec { User = "medic", Nodes = 1 },
            Kubernetes = new KubernetesSpec { Pinning = [], Storage = new StorageSpec { Size = "100Gi" } },
        });

        Assert.DoesNotContain("couchdb", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kubernetes:", text, StringComparison.Ordinal);
    }

    private static InstanceSpec ReadBack(string text)
    {
        var result = InstanceFileReader.Read(text, "written.yaml");
        Assert.True(result.Spec is not null, string.Join("\n", result.Diagnostics));
        return result.Spec;
    }

    private static string[] KeyLines(string text) =>
        text.Split('\n').Where(l => l.Length > 0 && !l.TrimStart().StartsWith('#')).ToArray();
}
