using Chtctl.Core.Parsing;
using Chtctl.Core.Secrets;
using Chtctl.Core.Topology;
using Chtctl.Core.Versions;

namespace Chtctl.Core.Tests.Topology;

public sealed class TopologyBuilderTests
{
    private static InstanceTopology Build(string yaml)
    {
        var result = InstanceFileReader.Read("apiVersion: chtctl/v1\nname: clinic-a\n" + yaml, "instance.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        VersionRequest.TryParse(result.Spec!.Cht.Version, out var request);
        return TopologyBuilder.Build(result.Spec, new ReleaseCatalogue(result.Spec.Cht.Registry).Resolve(request, null));
    }

    [Fact]
    public void Components_start_couchdb_then_proxy_then_api_then_workers_then_edge()
    {
        var topology = Build("cht: { version: 4.22.0 }\n");

        Assert.Equal(
            ["couchdb", "haproxy", "healthcheck", "api", "sentinel", "upgrade-service", "nginx"],
            topology.Components.Select(c => c.Name));
        Assert.Equal([0, 1, 1, 2, 3, 3, 4], topology.Components.Select(c => c.Wave));
        Assert.Equal(["healthcheck"], topology["haproxy"].DependsOn(topology).Where(n => n != "couchdb"));
        Assert.Equal(["haproxy", "healthcheck"], topology["api"].DependsOn(topology));
        Assert.Equal(["api"], topology["nginx"].DependsOn(topology));
    }

    [Fact]
    public void Container_names_match_chts_upgrade_payload()
    {
        var topology = Build("cht: { version: 4.22.0 }\ncouchdb: { nodes: 3 }\n");

        Assert.Equal(
            ["cht-couchdb-1", "cht-couchdb-2", "cht-couchdb-3", "cht-haproxy", "cht-haproxy-healthcheck", "cht-api", "cht-sentinel", "upgrade-service", "cht-nginx"],
            topology.Components.Select(c => c.ContainerName));
    }

    [Fact]
    public void A_compose_cluster_names_nodes_with_dotted_hosts_for_erlang_and_wires_the_first_as_coordinator()
    {
        var topology = Build("cht: { version: 4.22.0 }\ncouchdb: { nodes: 3 }\n");

        Assert.Equal(["couchdb-1.local", "couchdb-2.local", "couchdb-3.local"], topology.CouchDbHosts);
        Assert.Equal("couchdb-2.local,couchdb-3.local", Text(topology["couchdb-1"], "CLUSTER_PEER_IPS"));
        Assert.Equal("couchdb-1.local", Text(topology["couchdb-3"], "COUCHDB_SYNC_ADMINS_NODE"));
        Assert.Equal("3", Text(topology["couchdb-2"], "NODE_COUNT"));
        Assert.Equal(["couchdb-2.local"], topology["couchdb-2"].Aliases);
        Assert.Equal("couchdb-1.local,couchdb-2.local,couchdb-3.local", Text(topology["healthcheck"], "COUCHDB_SERVERS"));
    }

    [Fact]
    public void Kubernetes_hosts_are_service_names_in_the_namespace()
    {
        var topology = Build("target: kubernetes\ncht: { version: 4.22.0 }\ncouchdb: { nodes: 3 }\ntls: { host: cht.example.org }\nkubernetes: { namespace: moh-a }\n");

        Assert.Equal("couchdb-2.moh-a.svc.cluster.local", topology.CouchDbHosts[1]);
        Assert.DoesNotContain(topology.Components, c => c.Role == ComponentRole.Edge);
        Assert.Empty(topology["upgrade-service"].Mounts);
    }

    [Fact]
    public void Secrets_are_referenced_never_embedded()
    {
        var topology = Build("cht: { version: 4.22.0 }\n");

        var couchUrl = Assert.IsType<EnvValue.SecretTemplate>(topology["api"].Env.Single(e => e.Name == "COUCH_URL").Value);
        Assert.Equal("http://medic:{secret}@haproxy:5984/medic", couchUrl.Template);
        Assert.Equal(SecretKey.CouchDbPassword, couchUrl.Key.Key);
        Assert.IsType<EnvValue.Secret>(topology["couchdb"].Env.Single(e => e.Name == "COUCHDB_PASSWORD").Value);
    }

    [Fact]
    public void A_5x_instance_runs_nouveau_beside_each_couchdb_node()
    {
        var topology = Build("cht: { version: 5.0.0 }\ncouchdb: { nodes: 3 }\n");

        var nouveau = topology.ByRole(ComponentRole.Nouveau).ToArray();
        Assert.Equal(["nouveau-1", "nouveau-2", "nouveau-3"], nouveau.Select(n => n.Name));
        Assert.Equal("couchdb-2", nouveau[1].PodOf);
        Assert.Equal("http://nouveau-2:5987", Text(topology["couchdb-2"], "NOUVEAU_URL"));
        Assert.Equal("production", Text(topology["api"], "NODE_ENV"));
    }

    [Fact]
    public void A_4x_instance_has_no_nouveau_and_leaves_node_env_alone()
    {
        var topology = Build("cht: { version: 4.22.0 }\n");
        Assert.Empty(topology.ByRole(ComponentRole.Nouveau));
        Assert.DoesNotContain(topology["api"].Env, e => e.Name == "NODE_ENV");
    }

    [Fact]
    public void Every_component_has_readiness_liveness_and_a_compose_healthcheck()
    {
        var topology = Build("cht: { version: 5.0.0 }\ncouchdb: { nodes: 3 }\n");
        Assert.All(topology.Components, c =>
        {
            Assert.NotNull(c.Readiness);
            Assert.NotNull(c.Liveness);
            Assert.NotEmpty(c.HealthCommand);
        });
    }

    [Fact]
    public void Health_commands_are_the_commands_the_container_runs_with_no_target_escaping_in_them()
    {
        var compose = Build("cht: { version: 4.22.0 }\n");
        var kubernetes = Build("cht: { version: 4.22.0 }\ntarget: kubernetes\n");

        // Compose's `$$` is the renderer's spelling; the topology says what the shell runs, on every target.
        Assert.Equal(
            ["CMD-SHELL", "curl -fsS -o /dev/null -u \"$COUCHDB_USER:$COUCHDB_PASSWORD\" http://127.0.0.1:5984/_up"],
            compose["couchdb"].HealthCommand);
        Assert.Equal(compose["couchdb"].HealthCommand, kubernetes["couchdb"].HealthCommand);
        Assert.All(compose.Components.SelectMany(c => c.HealthCommand), part => Assert.DoesNotContain("$$", part, StringComparison.Ordinal));
    }

    [Fact]
    public void Couchdb_and_the_upgrade_service_accept_only_clients_inside_the_instance()
    {
        var topology = Build("cht: { version: 4.22.0 }\ncouchdb: { nodes: 3 }\n");
        Assert.Equal(["haproxy", "healthcheck", "couchdb-1", "couchdb-3"], topology["couchdb-2"].AllowedClients);
        Assert.Equal(["api"], topology["upgrade-service"].AllowedClients);
        Assert.Contains(Clients.PublicEdge, topology["api"].AllowedClients);
    }

    [Fact]
    public void Building_twice_gives_equal_components()
    {
        var yaml = "cht: { version: 4.22.0 }\ncouchdb: { nodes: 3 }\n";
        Assert.Equal(Build(yaml).Components.Select(c => c.Name + c.Image), Build(yaml).Components.Select(c => c.Name + c.Image));
    }

    private static string Text(Component component, string name) =>
        Assert.IsType<EnvValue.Text>(component.Env.Single(e => e.Name == name).Value).Value;
}
