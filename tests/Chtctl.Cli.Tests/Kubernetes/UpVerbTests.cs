using System.Text;
using System.Text.Json.Nodes;
using Chtctl.Testing.KubeApi;

namespace Chtctl.Cli.Tests.Kubernetes;

public sealed class UpVerbTests : ClusterFixture
{
    [Fact]
    public void Installs_from_nothing_in_waves_and_records_a_revision()
    {
        var result = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.Success, result);
        Assert.Contains("'clinic' is up and healthy at https://clinic.example.org (namespace clinic) (CHT 4.22.0)", result.Error, StringComparison.Ordinal);
        Assert.Equal(["cht-api", "cht-couchdb", "cht-haproxy", "cht-haproxy-healthcheck", "cht-sentinel", "upgrade-service"], Names("Deployment").Order(StringComparer.Ordinal));
        Assert.NotNull(Get("Ingress", "api-ingress"));
        var ns = Get("Namespace", "clinic", null)!;
        Assert.Equal("chtctl", ns["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());

        // Waves: CouchDB applied before the api, the api before sentinel, the Ingress last.
        var patches = Server.Requests.Where(r => r.StartsWith("PATCH ", StringComparison.Ordinal) && !r.Contains("dryRun", StringComparison.Ordinal)).ToList();
        int IndexOf(string path) => patches.FindIndex(r => r.Contains(path, StringComparison.Ordinal));
        Assert.True(IndexOf("deployments/cht-couchdb") < IndexOf("deployments/cht-api"));
        Assert.True(IndexOf("deployments/cht-api") < IndexOf("deployments/cht-sentinel"));
        Assert.True(IndexOf("deployments/cht-sentinel") < IndexOf("ingresses/api-ingress"));
        Assert.All(patches, p => Assert.Contains("fieldManager=chtctl", p, StringComparison.Ordinal));

        // Generated credentials live in the Secret, and are never printed.
        var password = Encoding.UTF8.GetString(Convert.FromBase64String(Get("Secret", "cht-couchdb-credentials")!["data"]!["COUCHDB_PASSWORD"]!.GetValue<string>()));
        Assert.True(password.Length >= 22);
        Assert.DoesNotContain(password, result.Error + result.Out, StringComparison.Ordinal);

        var history = Run("history", "clinic.yaml");
        AssertExit(ExitCodes.Success, history);
        Assert.Contains("4.22.0", history.Out, StringComparison.Ordinal);
        Assert.Contains("succeeded", history.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Applying_again_without_a_change_changes_nothing_and_says_so()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        var before = Versions();
        var password = Get("Secret", "cht-couchdb-credentials")!["data"]!["COUCHDB_PASSWORD"]!.GetValue<string>();

        var again = Run("apply", "clinic.yaml");

        AssertExit(ExitCodes.Success, again);
        Assert.Contains("No changes", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, Versions());
        Assert.Equal(password, Get("Secret", "cht-couchdb-credentials")!["data"]!["COUCHDB_PASSWORD"]!.GetValue<string>());
        Assert.Single(Names("Secret"), n => n.Contains("revision", StringComparison.Ordinal));
    }

    [Fact]
    public void Changing_one_setting_changes_only_what_it_touches()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        var before = Versions();
        Edit("clinic.example.org", "clinic-b.example.org");

        var result = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.Success, result);
        var after = Versions();
        var changed = after.Where(p => before.GetValueOrDefault(p.Key) != p.Value).Select(p => p.Key).ToList();
        Assert.Contains("Ingress/clinic/api-ingress", changed);
        Assert.DoesNotContain("Deployment/clinic/cht-couchdb", changed);
        Assert.Contains("clinic-b.example.org", Get("Ingress", "api-ingress")!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("history entry 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_component_is_pruned_but_its_data_volume_is_kept()
    {
        Edit("tls: {", "couchdb: { nodes: 3 }\ntls: {");
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Assert.Contains("cht-couchdb-3", Names("Deployment"));
        Assert.Contains("couchdb-3-claim0", Names("PersistentVolumeClaim"));

        Edit("couchdb: { nodes: 3 }\n", "");
        var result = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.Success, result);
        Assert.DoesNotContain("cht-couchdb-3", Names("Deployment"));
        Assert.Contains("cht-couchdb", Names("Deployment"));
        Assert.Contains("couchdb-3-claim0", Names("PersistentVolumeClaim"));
        Assert.Contains("PersistentVolumeClaim/couchdb-3-claim0 is no longer part of the instance but holds data: kept", result.Error, StringComparison.Ordinal);

        var withData = Run("up", "clinic.yaml", "--delete-data", "--yes");
        AssertExit(ExitCodes.Success, withData);
        Assert.DoesNotContain("couchdb-3-claim0", Names("PersistentVolumeClaim"));
    }

    [Fact]
    public void Objects_chtctl_does_not_own_are_left_alone_and_never_adopted()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Server.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = "someone-elses",
                ["namespace"] = "clinic",
                ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "Helm", ["app.kubernetes.io/instance"] = "clinic" },
            },
            ["data"] = new JsonObject { ["a"] = "b" },
        });
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        Assert.Contains("someone-elses", Names("ConfigMap"));

        // An object in the way with chtctl's name but not chtctl's labels stops the apply before any change.
        Server.Store.Delete(ApiResource.ForKind("ConfigMap"), "clinic", "haproxy-config", dryRun: false);
        Server.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "haproxy-config", ["namespace"] = "clinic" },
            ["data"] = new JsonObject { ["haproxy.cfg"] = "hand made" },
        });
        var before = Versions();
        var result = Run("up", "clinic.yaml");
        AssertExit(ExitCodes.PreflightFailed, result);
        Assert.Contains("ConfigMap/haproxy-config in namespace clinic already exists and is not this instance's", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Versions());
        Assert.Equal("hand made", Get("ConfigMap", "haproxy-config")!["data"]!["haproxy.cfg"]!.GetValue<string>());
    }

    [Fact]
    public void A_field_someone_else_changed_is_a_conflict_naming_field_and_manager_until_forced()
    {
        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml"));
        var api = Get("Deployment", "cht-api")!;
        api["spec"]!["replicas"] = 3;
        Server.Store.Replace(ApiResource.ForKind("Deployment"), "clinic", "cht-api", api, "kubectl-edit", dryRun: false);

        var result = Run("up", "clinic.yaml");
        AssertExit(ExitCodes.Failure, result);
        Assert.Contains(".spec.replicas (owned by \"kubectl-edit\")", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, Get("Deployment", "cht-api")!["spec"]!["replicas"]!.GetValue<long>());

        var plan = Run("plan", "clinic.yaml");
        Assert.Contains("! Deployment/cht-api", plan.Out, StringComparison.Ordinal);

        AssertExit(ExitCodes.Success, Run("up", "clinic.yaml", "--force"));
        Assert.Equal(1, Get("Deployment", "cht-api")!["spec"]!["replicas"]!.GetValue<long>());
    }

    [Fact]
    public void A_wave_that_fails_stops_the_apply_with_a_diagnosis()
    {
        Server.Deployments.Set("cht-api", RolloutBehaviour.Fails);
        Server.PodLogs[DeploymentController.PodName("cht-api")] = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"log line {i}")) + "\nError: cannot reach CouchDB at http://haproxy:5984\n";

        var result = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.Unhealthy, result);
        Assert.Contains("Deployment/cht-api failed: ProgressDeadlineExceeded", result.Error, StringComparison.Ordinal);
        Assert.Contains("condition Available=False MinimumReplicasUnavailable", result.Error, StringComparison.Ordinal);
        Assert.Contains("Warning BackOff Pod/cht-api-", result.Error, StringComparison.Ordinal);
        Assert.Contains("container cht-api: not ready, CrashLoopBackOff", result.Error, StringComparison.Ordinal);
        Assert.Contains("| Error: cannot reach CouchDB at http://haproxy:5984", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("| log line 11\n", result.Error, StringComparison.Ordinal);
        Assert.Contains("| log line 12", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cht-sentinel", Names("Deployment"));
        Assert.Contains("failed", Run("history", "clinic.yaml").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wave_that_never_becomes_ready_times_out_with_a_diagnosis()
    {
        Server.Deployments.Set("cht-couchdb", RolloutBehaviour.Stalls);

        var result = Run("up", "clinic.yaml", "--timeout", "1s");

        AssertExit(ExitCodes.Unhealthy, result);
        Assert.Contains("Deployment/cht-couchdb not ready after 1s", result.Error, StringComparison.Ordinal);
        Assert.Contains("generation 1 not yet observed", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cht-api", Names("Deployment"));
    }

    [Fact]
    public void A_compose_instance_goes_to_the_docker_engine_never_to_the_cluster()
    {
        Cli.Write("compose.yaml", "apiVersion: chtctl/v1\nname: clinic\ncht: { version: 4.22.0 }\ntls: { host: clinic.example.org }\ncompose: { home: /tmp/x }\n");
        Cli.Environment["DOCKER_HOST"] = "unix:///nonexistent/chtctl-test/docker.sock";
        foreach (var verb in new[] { "up", "plan", "status", "down", "destroy" })
        {
            var result = Run(verb, "compose.yaml");
            AssertExit(ExitCodes.PreflightFailed, result);
            Assert.Contains("the Docker engine at unix:///nonexistent/chtctl-test/docker.sock does not answer", result.Error, StringComparison.Ordinal);
        }
        var rollback = Run("rollback", "compose.yaml");
        AssertExit(ExitCodes.Failure, rollback);
        Assert.Contains("no changes are recorded in /tmp/x: there is nothing to roll back to", rollback.Error, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }
}
