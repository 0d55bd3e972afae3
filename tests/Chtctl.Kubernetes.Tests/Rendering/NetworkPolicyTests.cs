using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Rendering;

/// <summary>Each pod admits only the components the topology names as its clients.</summary>
public sealed class NetworkPolicyTests
{
    [Fact]
    public void Single_CouchDB_admits_only_haproxy_the_health_agent_and_itself()
    {
        var policy = Instances.Objects(Instances.Spec(1)).Single<V1NetworkPolicy>("couchdb");

        var rule = Assert.Single(policy.Spec.Ingress);
        Assert.Equal(["couchdb", "haproxy", "healthcheck"], PeerNames(rule));
        Assert.Equal([5984], rule.Ports.Select(p => p.Port.ToInt()));
    }

    [Fact]
    public void Clustered_CouchDB_also_admits_its_peers_on_the_Erlang_ports()
    {
        var policy = Instances.Objects(Instances.Spec(3)).Single<V1NetworkPolicy>("couchdb-2");

        var rule = Assert.Single(policy.Spec.Ingress);
        Assert.Equal(["couchdb-1", "couchdb-2", "couchdb-3", "haproxy", "healthcheck"], PeerNames(rule));
        Assert.Equal([5984, 4369, 9100], rule.Ports.Select(p => p.Port.ToInt()));
        Assert.Equal("couchdb-2", policy.Spec.PodSelector.MatchLabels["app.kubernetes.io/name"]);
    }

    [Fact]
    public void The_upgrade_service_admits_only_api()
    {
        var policy = Instances.Objects(Instances.Spec(1)).Single<V1NetworkPolicy>("upgrade-service");

        var rule = Assert.Single(policy.Spec.Ingress);
        Assert.Equal(["api", "upgrade-service"], PeerNames(rule));
        Assert.Equal([5008], rule.Ports.Select(p => p.Port.ToInt()));
    }

    [Fact]
    public void Api_admits_outside_traffic_on_its_own_port_only()
    {
        var policy = Instances.Objects(Instances.Spec(1)).Single<V1NetworkPolicy>("api");

        var rule = Assert.Single(policy.Spec.Ingress);
        Assert.Null(rule.FromProperty);
        Assert.Equal([5988], rule.Ports.Select(p => p.Port.ToInt()));
    }

    [Fact]
    public void Sentinel_listens_on_nothing_and_admits_nothing()
    {
        var policy = Instances.Objects(Instances.Spec(1)).Single<V1NetworkPolicy>("sentinel");

        Assert.Equal(["Ingress"], policy.Spec.PolicyTypes);
        Assert.Null(policy.Spec.Ingress);
    }

    [Fact]
    public void Nouveau_is_reachable_only_from_its_own_CouchDB_pod()
    {
        var policy = Instances.Objects(Instances.Spec(3, version: "5.2.0")).Single<V1NetworkPolicy>("couchdb-3");

        var nouveau = Assert.Single(policy.Spec.Ingress, r => r.Ports.Any(p => p.Port.ToInt() == 5987));
        Assert.Equal(["couchdb-3"], PeerNames(nouveau));
    }

    [Fact]
    public void Every_pod_is_guarded_by_exactly_one_policy()
    {
        var objects = Instances.Objects(Instances.Spec(3, version: "5.2.0"));

        var policies = objects.OfType<V1NetworkPolicy>().ToArray();
        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            var podLabels = deployment.Spec.Template.Metadata.Labels;
            Assert.Single(policies, p => p.Spec.PodSelector.MatchLabels.All(l => podLabels.TryGetValue(l.Key, out var v) && v == l.Value));
        }
    }

    private static IEnumerable<string> PeerNames(V1NetworkPolicyIngressRule rule) =>
        rule.FromProperty.Select(peer =>
        {
            Assert.Null(peer.NamespaceSelector);
            Assert.Equal("clinic-a", peer.PodSelector.MatchLabels["app.kubernetes.io/instance"]);
            return peer.PodSelector.MatchLabels["app.kubernetes.io/name"];
        });
}
