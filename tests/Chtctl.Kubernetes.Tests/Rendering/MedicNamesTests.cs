using Chtctl.Core.Spec;
using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Rendering;

/// <summary>Operators' kubectl habits and CHT's upgrade payload rely on the names of Medic's Helm chart.</summary>
public sealed class MedicNamesTests
{
    [Fact]
    public void A_single_node_instance_has_the_objects_of_Medics_chart()
    {
        var objects = Instances.Objects(Instances.Spec(nodes: 1));

        Assert.Equal(["cht-couchdb", "cht-haproxy-healthcheck", "cht-haproxy", "cht-api", "cht-sentinel", "upgrade-service"], objects.Names<V1Deployment>());
        Assert.Equal(["couchdb", "haproxy", "healthcheck", "api", "upgrade-service"], objects.Names<V1Service>());
        Assert.Equal(["cht-couchdb-credentials"], objects.Names<V1Secret>());
        Assert.Equal(["api-ingress"], objects.Names<V1Ingress>());
        Assert.Equal(["cht-upgrade-service-user"], objects.Names<V1ServiceAccount>());
        Assert.Equal(["deployment-manager"], objects.Names<V1Role>());
        Assert.Equal(["deployment-manager-cht"], objects.Names<V1RoleBinding>());
        Assert.Equal(["clinic-a"], objects.Names<V1Namespace>());
        Assert.Equal(["couchdb-claim0"], objects.Names<V1PersistentVolumeClaim>());
    }

    [Fact]
    public void A_cluster_numbers_its_CouchDB_deployments_services_and_claims()
    {
        var objects = Instances.Objects(Instances.Spec(nodes: 3));

        Assert.Equal(["cht-couchdb-1", "cht-couchdb-2", "cht-couchdb-3"], objects.Names<V1Deployment>().Where(n => n.StartsWith("cht-couchdb", StringComparison.Ordinal)));
        Assert.Equal(["couchdb-1", "couchdb-2", "couchdb-3"], objects.Names<V1Service>().Where(n => n.StartsWith("couchdb", StringComparison.Ordinal)));
        Assert.Equal(["couchdb-1-claim0", "couchdb-2-claim0", "couchdb-3-claim0"], objects.Names<V1PersistentVolumeClaim>());
        Assert.DoesNotContain("cht-couchdb", objects.Names<V1Deployment>());
    }

    [Fact]
    public void Containers_carry_the_names_of_CHTs_upgrade_payload()
    {
        var objects = Instances.Objects(Instances.Spec(nodes: 3));

        var containers = objects.OfType<V1Deployment>().ToDictionary(d => d.Metadata.Name, d => d.Spec.Template.Spec.Containers.Single().Name);
        Assert.Equal("cht-api", containers["cht-api"]);
        Assert.Equal("cht-sentinel", containers["cht-sentinel"]);
        Assert.Equal("cht-haproxy", containers["cht-haproxy"]);
        Assert.Equal("cht-haproxy-healthcheck", containers["cht-haproxy-healthcheck"]);
        Assert.Equal("cht-couchdb-2", containers["cht-couchdb-2"]);
        Assert.Equal("upgrade-service", containers["upgrade-service"]);
    }

    [Fact]
    public void Cht5_runs_nouveau_beside_each_CouchDB_node_behind_its_own_service()
    {
        var objects = Instances.Objects(Instances.Spec(nodes: 3, version: "5.2.0"));

        var couchdb2 = objects.Single<V1Deployment>("cht-couchdb-2");
        Assert.Equal(["cht-couchdb-2", "cht-nouveau-2"], couchdb2.Spec.Template.Spec.Containers.Select(c => c.Name));
        var nouveau2 = objects.Single<V1Service>("nouveau-2");
        Assert.Equal(5987, Assert.Single(nouveau2.Spec.Ports).Port);
        Assert.Equal(couchdb2.Spec.Selector.MatchLabels, nouveau2.Spec.Selector);
    }

    [Fact]
    public void Every_object_carries_the_standard_labels_and_Medics_service_label()
    {
        var objects = Instances.Objects(Instances.Spec(nodes: 3, platform: KubernetesPlatform.Eks).WithStorage(s => s with
        {
            EbsVolumeIds = ["vol-0123456789abcdef0", "vol-0123456789abcdef1", "vol-0123456789abcdef2"],
        }));

        foreach (var obj in objects)
        {
            var labels = obj.Metadata.Labels;
            Assert.Equal("clinic-a", labels["app.kubernetes.io/instance"]);
            Assert.Equal("cht", labels["app.kubernetes.io/part-of"]);
            Assert.Equal("chtctl", labels["app.kubernetes.io/managed-by"]);
            Assert.Equal("4.22.0", labels["app.kubernetes.io/version"]);
            Assert.False(string.IsNullOrEmpty(labels["app.kubernetes.io/component"]), $"{obj.Kind} {obj.Metadata.Name} has no component");
            Assert.Equal(labels["app.kubernetes.io/name"], labels["cht.service"]);
        }
    }

    [Fact]
    public void Selectors_and_pod_labels_leave_out_the_version_so_an_upgrade_keeps_them_valid()
    {
        var objects = Instances.Objects(Instances.Spec(nodes: 3));

        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            Assert.DoesNotContain("app.kubernetes.io/version", deployment.Spec.Selector.MatchLabels.Keys);
            Assert.DoesNotContain("app.kubernetes.io/version", deployment.Spec.Template.Metadata.Labels.Keys);
            Assert.Equal(deployment.Metadata.Labels["cht.service"], deployment.Spec.Template.Metadata.Labels["cht.service"]);
        }

        Assert.All(objects.OfType<V1Service>(), s => Assert.DoesNotContain("app.kubernetes.io/version", s.Spec.Selector.Keys));
    }
}
