using Chtctl.Core.Spec;
using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Rendering;

/// <summary>How pods run: probes, resources, update strategy, what they can reach of the cluster.</summary>
public sealed class WorkloadTests
{
    [Theory]
    [InlineData(1, "4.22.0")]
    [InlineData(3, "5.2.0")]
    public void Every_container_has_readiness_and_liveness_probes_and_resource_requests(int nodes, string version)
    {
        var deployments = Instances.Objects(Instances.Spec(nodes, version: version)).OfType<V1Deployment>();

        foreach (var container in deployments.SelectMany(d => d.Spec.Template.Spec.Containers))
        {
            Assert.True(container.ReadinessProbe is not null, $"{container.Name} has no readiness probe");
            Assert.True(container.LivenessProbe is not null, $"{container.Name} has no liveness probe");
            Assert.Equal(["cpu", "memory"], container.Resources.Requests.Keys);
        }
    }

    [Fact]
    public void Probes_keep_the_topologys_kind_and_timing()
    {
        var objects = Instances.Objects(Instances.Spec(1));

        var api = objects.Single<V1Deployment>("cht-api").Container("cht-api");
        Assert.Equal(("/setup/poll", "5988"), (api.ReadinessProbe.HttpGet.Path, api.ReadinessProbe.HttpGet.Port.Value));
        Assert.Equal(("5988", 60, 6), (api.LivenessProbe.TcpSocket.Port.Value, api.LivenessProbe.InitialDelaySeconds, api.LivenessProbe.FailureThreshold));
        var couchdb = objects.Single<V1Deployment>("cht-couchdb").Container("cht-couchdb");
        Assert.Equal("sh", couchdb.ReadinessProbe.Exec.Command[0]);
        Assert.Contains("/_up", couchdb.ReadinessProbe.Exec.Command[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_and_limits_come_from_the_instance_file()
    {
        var spec = Instances.Spec(1) with
        {
            Resources = new ResourcesSpec { Couchdb = new ResourceSpec { Cpu = "2", Memory = "4Gi", CpuLimit = "4", MemoryLimit = "8Gi" } },
        };

        var resources = Instances.Objects(spec).Single<V1Deployment>("cht-couchdb").Container("cht-couchdb").Resources;

        Assert.Equal(("2", "4Gi"), (resources.Requests["cpu"].ToString(), resources.Requests["memory"].ToString()));
        Assert.Equal(("4", "8Gi"), (resources.Limits["cpu"].ToString(), resources.Limits["memory"].ToString()));
    }

    [Fact]
    public void Without_resources_in_the_file_pods_request_a_modest_default_and_have_no_limit()
    {
        var resources = Instances.Objects(Instances.Spec(1)).Single<V1Deployment>("cht-couchdb").Container("cht-couchdb").Resources;

        Assert.Equal(("500m", "1Gi"), (resources.Requests["cpu"].ToString(), resources.Requests["memory"].ToString()));
        Assert.Null(resources.Limits);
    }

    [Fact]
    public void A_default_request_never_exceeds_the_operators_limit()
    {
        var spec = Instances.Spec(1) with
        {
            Resources = new ResourcesSpec { Couchdb = new ResourceSpec { CpuLimit = "200m", MemoryLimit = "512Mi" } },
        };

        var resources = Instances.Objects(spec).Single<V1Deployment>("cht-couchdb").Container("cht-couchdb").Resources;

        Assert.Equal(("200m", "512Mi"), (resources.Requests["cpu"].ToString(), resources.Requests["memory"].ToString()));
    }

    [Fact]
    public void Haproxy_keeps_its_memory_limit_with_a_small_request()
    {
        var resources = Instances.Objects(Instances.Spec(1)).Single<V1Deployment>("cht-haproxy").Container("cht-haproxy").Resources;

        Assert.Equal("1Gi", resources.Limits["memory"].ToString());
        Assert.Equal("64Mi", resources.Requests["memory"].ToString());
    }

    [Theory]
    [InlineData("cht-couchdb-1", "Recreate")]
    [InlineData("cht-sentinel", "Recreate")]
    [InlineData("cht-api", "RollingUpdate")]
    [InlineData("cht-haproxy", "RollingUpdate")]
    public void CouchDB_and_sentinel_stop_before_their_replacement_starts(string deployment, string strategy)
    {
        var objects = Instances.Objects(Instances.Spec(3));

        Assert.Equal(strategy, objects.Single<V1Deployment>(deployment).Spec.Strategy.Type);
    }

    [Fact]
    public void Only_the_upgrade_service_gets_a_token_for_the_Kubernetes_API()
    {
        var pods = Instances.Objects(Instances.Spec(1)).OfType<V1Deployment>().ToDictionary(d => d.Metadata.Name, d => d.Spec.Template.Spec);

        Assert.Equal("cht-upgrade-service-user", pods["upgrade-service"].ServiceAccountName);
        Assert.True(pods["upgrade-service"].AutomountServiceAccountToken);
        Assert.All(pods.Where(p => p.Key != "upgrade-service"), p => Assert.False(p.Value.AutomountServiceAccountToken));
        Assert.All(pods.Where(p => p.Key != "upgrade-service"), p => Assert.Null(p.Value.ServiceAccountName));
    }

    [Fact]
    public void No_pod_gets_service_link_variables_that_collide_with_CHTs_own()
    {
        var pods = Instances.Objects(Instances.Spec(3)).OfType<V1Deployment>().Select(d => d.Spec.Template.Spec);

        Assert.All(pods, p => Assert.False(p.EnableServiceLinks));
    }

    [Fact]
    public void The_upgrade_service_may_only_manage_its_own_namespace()
    {
        var objects = Instances.Objects(Instances.Spec(1));

        var role = objects.Single<V1Role>("deployment-manager");
        Assert.Equal("clinic-a", role.Metadata.NamespaceProperty);
        var deployments = Assert.Single(role.Rules, r => r.ApiGroups.SequenceEqual(["apps"]));
        Assert.Equal(["deployments"], deployments.Resources);
        Assert.Equal(["get", "list", "patch", "update", "watch"], deployments.Verbs);
        var pods = Assert.Single(role.Rules, r => r.Resources.SequenceEqual(["pods"]));
        Assert.Equal(["get", "list", "watch"], pods.Verbs);
        var history = Assert.Single(role.Rules, r => r.Resources.SequenceEqual(["configmaps", "secrets"]));
        Assert.Equal(["create", "get", "list", "patch", "update"], history.Verbs);
        Assert.DoesNotContain(role.Rules.SelectMany(r => r.Verbs), v => v is "delete" or "*");

        var binding = objects.Single<V1RoleBinding>("deployment-manager-cht");
        Assert.Equal(("Role", "deployment-manager"), (binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", "cht-upgrade-service-user", "clinic-a"), (subject.Kind, subject.Name, subject.NamespaceProperty));
    }

    [Fact]
    public void Haproxy_reads_its_rendered_config_from_the_config_map_and_restarts_when_it_changes()
    {
        var single = Instances.Objects(Instances.Spec(1));
        var cluster = Instances.Objects(Instances.Spec(3));

        var config = single.Single<V1ConfigMap>("haproxy-config");
        Assert.Contains("server couchdb couchdb.clinic-a.svc.cluster.local:5984", config.Data["haproxy.cfg"], StringComparison.Ordinal);
        var haproxy = single.Single<V1Deployment>("cht-haproxy");
        var mount = Assert.Single(haproxy.Container("cht-haproxy").VolumeMounts);
        Assert.Equal(("/usr/local/etc/haproxy/haproxy.cfg", "haproxy.cfg", true), (mount.MountPath, mount.SubPath, mount.ReadOnlyProperty));
        Assert.Equal("haproxy-config", Assert.Single(haproxy.Spec.Template.Spec.Volumes).ConfigMap.Name);

        Assert.NotEqual(ConfigHash(single), ConfigHash(cluster));
        Assert.Equal(ConfigHash(single), ConfigHash(Instances.Objects(Instances.Spec(1))));
    }

    [Fact]
    public void Deployments_are_applied_in_start_waves_and_say_which()
    {
        var deployments = Instances.Objects(Instances.Spec(3)).OfType<V1Deployment>().ToArray();

        var waves = deployments.Select(d => int.Parse(d.Metadata.Annotations["chtctl/wave"], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(waves.Order(), waves);
        Assert.Equal("0", deployments.Single(d => d.Metadata.Name == "cht-couchdb-3").Metadata.Annotations["chtctl/wave"]);
        Assert.Equal("2", deployments.Single(d => d.Metadata.Name == "cht-api").Metadata.Annotations["chtctl/wave"]);
        // HAProxy resolves its agent's address at start, so within their wave the agent comes first.
        var names = deployments.Select(d => d.Metadata.Name).ToList();
        Assert.True(names.IndexOf("cht-haproxy-healthcheck") < names.IndexOf("cht-haproxy"), string.Join(", ", names));
    }

    [Fact]
    public void CouchDB_pods_are_named_after_their_node_and_their_services_route_before_readiness()
    {
        var objects = Instances.Objects(Instances.Spec(3));

        Assert.Equal("couchdb-2", objects.Single<V1Deployment>("cht-couchdb-2").Spec.Template.Spec.Hostname);
        Assert.True(objects.Single<V1Service>("couchdb-2").Spec.PublishNotReadyAddresses);
        Assert.Null(objects.Single<V1Service>("api").Spec.PublishNotReadyAddresses);
    }

    [Fact]
    public void A_cluster_lets_only_one_CouchDB_node_be_evicted_at_a_time()
    {
        var budget = Instances.Objects(Instances.Spec(3)).Single<V1PodDisruptionBudget>("couchdb");

        Assert.Equal(1, budget.Spec.MaxUnavailable.ToInt());
        Assert.Equal(
            new Dictionary<string, string> { ["app.kubernetes.io/component"] = "couchdb", ["app.kubernetes.io/instance"] = "clinic-a" },
            budget.Spec.Selector.MatchLabels);
    }

    [Fact]
    public void A_single_node_has_no_disruption_budget_to_block_draining_its_machine()
    {
        Assert.Empty(Instances.Objects(Instances.Spec(1)).OfType<V1PodDisruptionBudget>());
    }

    private static string ConfigHash(IEnumerable<k8s.IKubernetesObject<V1ObjectMeta>> objects) =>
        objects.Single<V1Deployment>("cht-haproxy").Spec.Template.Metadata.Annotations["chtctl/config-sha256"];
}
