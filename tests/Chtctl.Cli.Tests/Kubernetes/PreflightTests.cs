using System.Text.Json.Nodes;

namespace Chtctl.Cli.Tests.Kubernetes;

public sealed class PreflightTests : ClusterFixture
{
    [Fact]
    public void A_missing_permission_is_named_before_anything_changes()
    {
        Server.Deny("patch", "deployments");
        Server.Deny("delete", "persistentvolumeclaims");

        var result = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.PreflightFailed, result);
        Assert.Contains("not allowed to patch deployments in namespace clinic", result.Error, StringComparison.Ordinal);
        Assert.Contains("not allowed to delete persistentvolumeclaims in namespace clinic", result.Error, StringComparison.Ordinal);
        Assert.Empty(Server.Writes);
    }

    [Fact]
    public void Asking_CouchDB_through_the_service_proxy_needs_its_permission()
    {
        Server.Deny("create", "services/proxy");

        var result = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.PreflightFailed, result);
        Assert.Contains("not allowed to create services/proxy in namespace clinic", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not allowed to get services/proxy", result.Error, StringComparison.Ordinal);
        Assert.Empty(Server.Writes);
    }

    [Fact]
    public void A_missing_storage_class_is_named_before_anything_changes()
    {
        Edit("tls: {", "kubernetes: { storage: { class: fast-ssd } }\ntls: {");

        var result = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.PreflightFailed, result);
        Assert.Contains("StorageClass 'fast-ssd' does not exist", result.Error, StringComparison.Ordinal);
        Assert.Empty(Server.Writes);
    }

    [Fact]
    public void Pinned_nodes_must_exist()
    {
        Server.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = "worker-1", ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = "worker-1" } },
        });
        Edit("tls: {", "couchdb: { nodes: 3 }\nkubernetes: { pinning: [worker-1, worker-2, worker-3] }\ntls: {");

        var result = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.PreflightFailed, result);
        Assert.Contains("node 'worker-2' (kubernetes.pinning) is not in the cluster: nodes are worker-1", result.Error, StringComparison.Ordinal);
        Assert.Contains("node 'worker-3'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespace_owned_by_something_else_is_refused()
    {
        Server.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = "clinic", ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "Helm" } },
        });

        var result = Run("up", "clinic.yaml");

        AssertExit(ExitCodes.PreflightFailed, result);
        Assert.Contains("Namespace/clinic already exists and is not this instance's (it is managed by 'Helm')", result.Error, StringComparison.Ordinal);
        Assert.Empty(Server.Writes);
    }

    [Fact]
    public void An_unreachable_cluster_is_named()
    {
        Cli.Write("dead.yaml", Server.Kubeconfig().Replace(Server.Url, "http://127.0.0.1:1", StringComparison.Ordinal));

        var result = Run("up", "clinic.yaml", "--kubeconfig", "dead.yaml");

        AssertExit(ExitCodes.PreflightFailed, result);
        Assert.Contains("cannot reach the Kubernetes API server at http://127.0.0.1:1/", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_context_is_named()
    {
        var result = Run("up", "clinic.yaml", "--context", "nope");

        AssertExit(ExitCodes.PreflightFailed, result);
        Assert.Contains("nope", result.Error, StringComparison.Ordinal);
    }
}
