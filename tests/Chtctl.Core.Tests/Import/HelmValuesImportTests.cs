using Chtctl.Core.Import;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Tests.Import;

/// <summary>Hand-made values files for the setups operators run: clusters, pre-existing data, k3s, vSphere, GKE.</summary>
public sealed class HelmValuesImportTests
{
    private const string Credentials = """
        couchdb:
          password: "s3cretPassw0rd"
          secret: "0b6c1c2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5"
          user: "medic"
          uuid: "9f8e7d6c-5b4a-4392-8171-605f4e3d2c1b"
        """;

    [Fact]
    public void Eks_cluster_with_named_nodes_becomes_a_pinned_three_node_instance()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouch_enabled: true
              couchdb_node_storage_size: 250Gi
            project_name: clinic-a
            namespace: clinic-a-prod
            chtversion: 4.22.0
            cht_image_tag: 4.22.0
            upstream_servers:
              docker_registry: "public.ecr.aws/medic"
              builds_url: "https://staging.dev.medicmobile.org/_couch/builds_4"
            clusteredCouch:
              noOfCouchDBNodes: 3
            ingress:
              annotations:
                groupname: "prod-cht-alb"
                tags: "Environment=prod,Team=Ops"
                certificate: ""
              host: "clinic-a.example.org"
            cluster_type: "eks"
            nodes:
              node-1: "ip-10-0-1-1"
              node-2: "ip-10-0-1-2"
              node-3: "ip-10-0-1-3"
            couchdb_data:
              preExistingDataAvailable: false
            """);

        Assert.Empty(ImportAssert.Problems(result));
        var spec = ImportAssert.ReadsBackClean(result);
        ImportAssert.InstanceFile("eks-cluster.instance.yaml", result);
        Assert.Equal(3, spec.Couchdb.Nodes);
        Assert.Equal(["ip-10-0-1-1", "ip-10-0-1-2", "ip-10-0-1-3"], spec.Kubernetes.Pinning);
        Assert.Equal("clinic-a-prod", spec.Kubernetes.Namespace);
        Assert.Equal(new ImportedSecrets("s3cretPassw0rd", "0b6c1c2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5", "9f8e7d6c-5b4a-4392-8171-605f4e3d2c1b"), result.Secrets);
        // An empty certificate meant "no certificate-arn annotation" upstream.
        Assert.Equal(["alb.ingress.kubernetes.io/group.name", "alb.ingress.kubernetes.io/tags"], spec.Kubernetes.Ingress.Annotations.Keys);
    }

    [Fact]
    public void Pre_existing_ebs_volume_of_a_cloned_3x_instance_is_mounted_with_its_sub_path()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouch_enabled: false
              couchdb_node_storage_size: 100Gi
            project_name: mrjones-dev
            namespace: mrjones-dev
            chtversion: 4.21.1
            ingress:
              host: mrjones.dev.medicmobile.org
            cluster_type: eks
            couchdb_data:
              preExistingDataAvailable: true
              dataPathOnDiskForCouchDB: "storage/medic-core/couchdb/data"
              partition: "0"
            ebs:
              preExistingEBSVolumeID-1: "vol-0a1b2c3d4e5f60718"
              preExistingEBSVolumeID-2: "vol-0123456789abcdefg"
              preExistingEBSVolumeSize: "120Gi"
            """);

        var spec = ImportAssert.ReadsBackClean(result);
        ImportAssert.InstanceFile("eks-pre-existing.instance.yaml", result);
        Assert.Equal(["vol-0a1b2c3d4e5f60718"], spec.Kubernetes.Storage.EbsVolumeIds);
        Assert.Equal("storage/medic-core/couchdb/data", spec.Kubernetes.Storage.DataSubPath);
        Assert.Null(spec.Kubernetes.Namespace);
        Assert.Contains("only 1 CouchDB node", ImportAssert.Single(result, "ebs.preExistingEBSVolumeID-2", DiagnosticSeverity.Info).Message, StringComparison.Ordinal);
        Assert.Contains("120Gi", ImportAssert.Single(result, "ebs.preExistingEBSVolumeSize", DiagnosticSeverity.Info).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pre_existing_ebs_problems_point_at_the_volume_keys()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouch_enabled: true
            project_name: c
            chtversion: 4.22.0
            ingress:
              host: c.example.org
            cluster_type: eks
            couchdb_data:
              preExistingDataAvailable: true
              partition: "2"
            ebs:
              preExistingEBSVolumeID-1: "vol-0123456789abcdefg"
              preExistingEBSVolumeID-3: "vol-0a1b2c3d4e5f60718"
            """);

        Assert.Equal(["error ebs.preExistingEBSVolumeID-1:16", "error ebs.preExistingEBSVolumeID-2:15", "warning couchdb_data.partition:14"],
            ImportAssert.Problems(result).Order(StringComparer.Ordinal));
        var badId = ImportAssert.Single(result, "ebs.preExistingEBSVolumeID-1", DiagnosticSeverity.Error);
        Assert.StartsWith("expected an EBS volume id such as vol-0123456789abcdef0, found 'vol-0123456789abcdefg'", badId.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation(16, 3), badId.Location);
    }

    [Fact]
    public void Single_node_k3s_keeps_the_host_directory_cht_chart_4x_always_used()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouch_enabled: false
              couchdb_node_storage_size: 20Gi
            project_name: clinic-b
            namespace: clinic-b
            chtversion: 4.22.0
            ingress:
              host: clinic-b.example.org
            cluster_type: k3s-k3d
            environment: remote
            cert_source: specify-file-path
            certificate_crt_file_path: /etc/ssl/clinic-b.crt
            certificate_key_file_path: /etc/ssl/clinic-b.key
            nodes:
              single_node_deploy: worker-7
            couchdb_data:
              preExistingDataAvailable: false
            local_storage:
              preExistingDiskPath-1: /srv/couchdb1
              preExistingDiskPath-2: /srv/couchdb2
            """);

        Assert.Equal(["warning environment:14"], ImportAssert.Problems(result));
        var spec = ImportAssert.ReadsBackClean(result);
        ImportAssert.InstanceFile("k3s-single.instance.yaml", result);
        Assert.Equal(["/srv/couchdb1"], spec.Kubernetes.Storage.HostPaths);
        Assert.Equal(["worker-7"], spec.Kubernetes.Pinning);
        Assert.Equal("api-tls-secret", spec.Kubernetes.Ingress.TlsSecret);
        Assert.Equal(KubernetesPlatform.K3s, spec.Kubernetes.Platform);
    }

    [Fact]
    public void Clustered_k3s_new_install_points_at_the_directories_the_chart_created_per_namespace()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouch_enabled: true
            project_name: district
            namespace: district-ns
            chtversion: 4.22.0
            cluster_type: k3s-k3d
            cert_source: eks-medic
            nodes:
              node-1: k3s-a
              node-2: k3s-b
              node-3: k3s-c
            """);

        var spec = ImportAssert.ReadsBackClean(result);
        Assert.Equal(["/var/lib/district-ns-couchdb1", "/var/lib/district-ns-couchdb2", "/var/lib/district-ns-couchdb3"], spec.Kubernetes.Storage.HostPaths);
        Assert.Equal(["k3s-a", "k3s-b", "k3s-c"], spec.Kubernetes.Pinning);
    }

    [Fact]
    public void Clustered_k3s_without_every_node_named_is_an_error_because_the_data_is_on_those_machines()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouch_enabled: true
            project_name: district
            chtversion: 4.22.0
            cluster_type: k3s-k3d
            nodes:
              node-1: k3s-a
              node-2: ""
              node-3: k3s-c
            """);

        var error = ImportAssert.Single(result, "nodes.node-2", DiagnosticSeverity.Error);
        Assert.Equal(new SourceLocation(12, 3), error.Location);
        Assert.Contains("data", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Spec!.Kubernetes.Pinning);
    }

    [Fact]
    public void Clustered_k3s_with_pre_existing_data_uses_the_listed_host_directories()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouch_enabled: true
            project_name: migrated
            chtversion: 4.22.0
            cluster_type: k3s-k3d
            cert_source: specify-file-path
            certificate_crt_file_path: /certs/a.crt
            certificate_key_file_path: /certs/a.key
            nodes:
              node-1: n1
              node-2: n2
              node-3: n3
            couchdb_data:
              preExistingDataAvailable: true
              dataPathOnDiskForCouchDB: "data"
            local_storage:
              preExistingDiskPath-1: /srv/couchdb1
              preExistingDiskPath-2: /srv/couchdb2
              preExistingDiskPath-3: /srv/couchdb3
            """);

        Assert.Empty(ImportAssert.Problems(result));
        var spec = ImportAssert.ReadsBackClean(result);
        ImportAssert.InstanceFile("k3s-cluster-pre-existing.instance.yaml", result);
        Assert.Equal(["/srv/couchdb1", "/srv/couchdb2", "/srv/couchdb3"], spec.Kubernetes.Storage.HostPaths);
    }

    [Fact]
    public void Vsphere_storage_on_k3s_becomes_static_vsphere_volumes()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouch_enabled: true
            project_name: vmware
            chtversion: 4.22.0
            cluster_type: k3s-k3d
            cert_source: eks-medic
            nodes:
              node-1: w1
              node-2: w2
              node-3: w3
            k3s_use_vSphere_storage_class: true
            vSphere:
              datastoreName: "vsanDatastore"
              diskPath: "cht/disks"
            local_storage:
              preExistingDiskPath-1: /var/lib/couchdb1
            """);

        Assert.Empty(ImportAssert.Problems(result));
        var spec = ImportAssert.ReadsBackClean(result);
        ImportAssert.InstanceFile("k3s-vsphere.instance.yaml", result);
        Assert.Equal(new VsphereSpec { Datastore = "vsanDatastore", DiskPath = "cht/disks" }, spec.Kubernetes.Storage.Vsphere);
        Assert.Empty(spec.Kubernetes.Storage.HostPaths);
    }

    [Fact]
    public void Vsphere_left_at_the_chart_sample_values_is_flagged()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouch_enabled: true
            project_name: vmware
            chtversion: 4.22.0
            cluster_type: k3s-k3d
            nodes: {node-1: w1, node-2: w2, node-3: w3}
            k3s_use_vSphere_storage_class: true
            vSphere:
              datastoreName: "DatastoreName"
              diskPath: "path/to/disk"
            """);

        Assert.Equal(["warning vSphere.datastoreName:13", "warning vSphere.diskPath:14"], ImportAssert.Problems(result));
    }

    [Fact]
    public void Gke_cluster_of_the_in_repo_chart_uses_its_disks_static_ip_and_managed_certificate()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouchEnabled: true
              couchdb_node_storage_size: 50Gi
              db_name: medic
              storage_class: standard-rwo
              persistent_disk:
                size: 50Gi
                type: pd-standard
                diskName-1: cht-disk-1
                diskName-2: cht-disk-2
                diskName-3: cht-disk-3
            project_name: gcp-prod
            namespace: gcp-prod
            chtversion: 5.0.0
            api:
              service:
                type: ClusterIP
            cluster_type: gke
            ingress:
              host: gcp.example.org
              gcp:
                enabled: true
                staticIpName: cht-api-ip
                managedCertificateName: cht-api-cert
            nodes:
              node-1: gke-pool-1
              node-2: gke-pool-2
              node-3: gke-pool-3
            couchdb_data:
              preExistingDataAvailable: true
            """);

        Assert.Empty(ImportAssert.Problems(result));
        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith("read as values of the in-repo cht-chart", StringComparison.Ordinal));
        var spec = ImportAssert.ReadsBackClean(result);
        ImportAssert.InstanceFile("gke-cluster.instance.yaml", result);
        Assert.Equal(["cht-disk-1", "cht-disk-2", "cht-disk-3"], spec.Kubernetes.Storage.GceDisks);
        Assert.Equal("standard-rwo", spec.Kubernetes.Storage.Class);
        Assert.Equal("cht-api-ip", spec.Kubernetes.Ingress.Annotations["kubernetes.io/ingress.global-static-ip-name"]);
        Assert.Equal("cht-api-cert", spec.Kubernetes.Ingress.Annotations["networking.gke.io/managed-certificates"]);
    }

    [Fact]
    public void Single_gke_disk_is_read_from_disk_name()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouchEnabled: false
              couchdb_node_storage_size: 50Gi
              persistent_disk:
                size: 50Gi
                diskName: cht-disk
            project_name: g
            chtversion: 5.0.0
            cluster_type: gke
            ingress:
              host: g.example.org
              gcp: {staticIpName: ip, managedCertificateName: cert}
            couchdb_data:
              preExistingDataAvailable: true
            """);

        Assert.Equal(["cht-disk"], ImportAssert.ReadsBackClean(result).Kubernetes.Storage.GceDisks);
    }

    [Fact]
    public void Quoted_false_is_read_as_false_with_a_warning_that_upstream_may_have_read_it_as_true()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouch_enabled: "false"
            project_name: quoted
            chtversion: 4.22.0
            ingress:
              host: q.example.org
            cluster_type: eks
            k3s_use_vSphere_storage_class: "false"
            couchdb_data:
              preExistingDataAvailable: "true"
            ebs:
              preExistingEBSVolumeID-1: vol-0a1b2c3d4e5f60718
            """);

        // The vSphere switch is quoted too, but it did nothing on eks: a note, not a warning.
        Assert.Equal(["warning couchdb.clusteredCouch_enabled:6"], ImportAssert.Problems(result));
        Assert.Contains("k3s", ImportAssert.Single(result, "k3s_use_vSphere_storage_class", DiagnosticSeverity.Info).Message, StringComparison.Ordinal);
        var clustered = ImportAssert.Single(result, "couchdb.clusteredCouch_enabled", DiagnosticSeverity.Warning);
        Assert.StartsWith("quoted boolean 'false': chtctl reads it as false", clustered.Message, StringComparison.Ordinal);
        Assert.Contains("single-node and the clustered", clustered.Message, StringComparison.Ordinal);
        Assert.StartsWith("quoted boolean 'true': read as true", ImportAssert.Single(result, "couchdb_data.preExistingDataAvailable", DiagnosticSeverity.Info).Message, StringComparison.Ordinal);
        var spec = result.Spec!;
        Assert.Equal(1, spec.Couchdb.Nodes);
        Assert.Equal(["vol-0a1b2c3d4e5f60718"], spec.Kubernetes.Storage.EbsVolumeIds);
    }

    [Fact]
    public void Quoted_false_vsphere_switch_on_k3s_warns_that_upstream_used_vsphere()
    {
        var result = ImportAssert.Helm(Credentials + """

              clusteredCouch_enabled: true
            project_name: q
            namespace: q
            chtversion: 4.22.0
            cluster_type: k3s-k3d
            nodes: {node-1: a, node-2: b, node-3: c}
            k3s_use_vSphere_storage_class: "false"
            """);

        var warning = ImportAssert.Single(result, "k3s_use_vSphere_storage_class", DiagnosticSeverity.Warning);
        Assert.Contains("upstream may have used vSphere volumes", warning.Message, StringComparison.Ordinal);
        Assert.Null(result.Spec!.Kubernetes.Storage.Vsphere);
        Assert.Equal(["/var/lib/q-couchdb1", "/var/lib/q-couchdb2", "/var/lib/q-couchdb3"], result.Spec.Kubernetes.Storage.HostPaths);
    }

    [Fact]
    public void Local_environment_on_k3s_k3d_means_k3d()
    {
        var result = ImportAssert.Helm(Credentials + """

            project_name: dev
            chtversion: 4.22.0
            environment: local
            cluster_type: k3s-k3d
            """);

        Assert.Equal(KubernetesPlatform.K3d, ImportAssert.ReadsBackClean(result).Kubernetes.Platform);
        Assert.DoesNotContain(result.Diagnostics, d => d.Path == "environment" && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Unknown_keys_are_warnings_with_a_suggestion_and_missing_credentials_are_called_out()
    {
        var result = ImportAssert.Helm("""
            project_name: typo
            chtversion: 4.22.0
            cluster_type: eks
            ingress:
              host: typo.example.org
            couchdb:
              pasword: "x"
            extra_feature: true
            """);

        var unknown = ImportAssert.Single(result, "couchdb.pasword", DiagnosticSeverity.Warning);
        Assert.Equal("did you mean 'couchdb.password'?", unknown.Hint);
        Assert.Equal(new SourceLocation(7, 3), unknown.Location);
        Assert.StartsWith("ignored: not a key of", ImportAssert.Single(result, "extra_feature", DiagnosticSeverity.Warning).Message, StringComparison.Ordinal);
        Assert.Contains("suits only a new instance", ImportAssert.Single(result, "couchdb.password", DiagnosticSeverity.Warning).Message, StringComparison.Ordinal);
        Assert.True(result.Succeeded);
        Assert.True(result.Secrets.IsEmpty);
    }

    [Fact]
    public void Image_tag_wins_over_chtversion_and_an_explicit_version_wins_over_both()
    {
        const string values = """
            project_name: v
            chtversion: 4.21.0
            cht_image_tag: 4.21.1
            cluster_type: k3s-k3d
            """;

        var fromFile = ImportAssert.Helm(values);
        var asked = ImportAssert.Helm(values, chtVersion: "4.22.0");

        Assert.Equal("4.21.1", fromFile.Spec!.Cht.Version);
        Assert.Contains("differs from cht_image_tag", ImportAssert.Single(fromFile, "chtversion", DiagnosticSeverity.Warning).Message, StringComparison.Ordinal);
        Assert.Equal("4.22.0", asked.Spec!.Cht.Version);
        Assert.Contains("using 4.22.0 as asked", ImportAssert.Single(asked, "cht_image_tag", DiagnosticSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_chtctl_cannot_run_is_reported_at_the_source_key_in_chtctl_terms()
    {
        var result = ImportAssert.Helm("""
            project_name: Clinic_A
            chtversion: 3.17.0
            cluster_type: k3s-k3d
            couchdb:
              clusteredCouch_enabled: true
            clusteredCouch:
              noOfCouchDBNodes: 2
            """);

        Assert.Equal("clinic-a", result.Spec!.Name);
        Assert.Contains("not a DNS label", ImportAssert.Single(result, "project_name", DiagnosticSeverity.Info).Message, StringComparison.Ordinal);
        var version = ImportAssert.Single(result, "chtversion", DiagnosticSeverity.Error);
        Assert.EndsWith("(as cht.version)", version.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation(2, 1), version.Location);
        var nodes = ImportAssert.Single(result, "clusteredCouch.noOfCouchDBNodes", DiagnosticSeverity.Error);
        Assert.StartsWith("expected 1, or 3 and more; found 2", nodes.Message, StringComparison.Ordinal);
        Assert.Equal(7, nodes.Location.Line);
    }

    [Fact]
    public void Broken_yaml_gives_no_spec_and_says_where()
    {
        var result = ImportAssert.Helm("project_name: a\ncouchdb:\n  user: [unclosed\n");

        Assert.Null(result.Spec);
        var error = Assert.Single(result.Diagnostics);
        Assert.True(error.IsError);
        Assert.StartsWith("not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Location.Line >= 3);
    }
}
