using System.Text;
using System.Text.Json.Nodes;
using Chtctl.Testing.KubeApi;

namespace Chtctl.Kubernetes.Tests.ApiServer;

/// <summary>
/// The test API server checked against the Kubernetes API's documented behaviour, on its own, with plain
/// HTTP: if it drifted from the real server, tests of chtctl against it would prove nothing.
/// </summary>
public sealed class TestApiServerTests : IAsyncLifetime
{
    private KubeApiServer _server = null!;
    private RawClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeApiServer.StartAsync();
        _client = new RawClient(_server);
        Assert.Equal(201, (await _client.SendAsync("POST", "/api/v1/namespaces", RawClient.Namespace("ns1"))).Code);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Discovery_lists_core_and_group_resources()
    {
        Assert.Contains("v1", (await _client.GetAsync("/api"))["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("apps", (await _client.GetAsync("/apis"))["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()));
        var core = await _client.GetAsync("/api/v1");
        Assert.Contains(core["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "secrets" && r["namespaced"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Requests_without_the_token_are_unauthorized()
    {
        var (code, body) = await _client.SendAsync("GET", "/api/v1/namespaces", authorized: false);
        Assert.Equal(401, code);
        Assert.Equal("Status", body["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Namespaced_objects_need_an_existing_namespace()
    {
        var (code, body) = await _client.SendAsync("POST", "/api/v1/namespaces/missing/configmaps", RawClient.ConfigMap("missing", "c", "v"));
        Assert.Equal(404, code);
        Assert.Equal("namespaces \"missing\" not found", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_twice_is_AlreadyExists_and_get_of_a_missing_object_is_NotFound()
    {
        Assert.Equal(201, (await _client.SendAsync("POST", "/api/v1/namespaces/ns1/configmaps", RawClient.ConfigMap("ns1", "c", "v"))).Code);
        var (code, body) = await _client.SendAsync("POST", "/api/v1/namespaces/ns1/configmaps", RawClient.ConfigMap("ns1", "c", "v"));
        Assert.Equal(409, code);
        Assert.Equal("AlreadyExists", body["reason"]!.GetValue<string>());
        var missing = await _client.SendAsync("GET", "/apis/apps/v1/namespaces/ns1/deployments/nope");
        Assert.Equal(404, missing.Code);
        Assert.Equal("deployments.apps \"nope\" not found", missing.Body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replace_with_a_stale_resourceVersion_is_a_conflict()
    {
        var created = (await _client.SendAsync("POST", "/api/v1/namespaces/ns1/configmaps", RawClient.ConfigMap("ns1", "c", "v"))).Body;
        var first = RawClient.ConfigMap("ns1", "c", "v2");
        first["metadata"]!["resourceVersion"] = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        var put = await _client.SendAsync("PUT", "/api/v1/namespaces/ns1/configmaps/c", first);
        Assert.True(put.Code == 200, put.Body.ToJsonString());
        var (code, body) = await _client.SendAsync("PUT", "/api/v1/namespaces/ns1/configmaps/c", first);
        Assert.Equal(409, code);
        Assert.Contains("the object has been modified", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generation_moves_on_spec_changes_only_and_resourceVersion_on_every_change()
    {
        var path = "/apis/apps/v1/namespaces/ns1/deployments/web";
        _server.Deployments.Default = RolloutBehaviour.Stalls;
        var created = (await _client.ApplyAsync(path, RawClient.Deployment("ns1", "web", 1), "me")).Body;
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());

        var labelled = RawClient.Deployment("ns1", "web", 1);
        labelled["metadata"]!["labels"] = new JsonObject { ["team"] = "a" };
        var relabelled = (await _client.ApplyAsync(path, labelled, "me")).Body;
        Assert.Equal(1, relabelled["metadata"]!["generation"]!.GetValue<long>());
        Assert.NotEqual(created["metadata"]!["resourceVersion"]!.GetValue<string>(), relabelled["metadata"]!["resourceVersion"]!.GetValue<string>());

        _server.Store.SetStatus(ApiResource.ForKind("Deployment"), "ns1", "web", new JsonObject { ["observedGeneration"] = 1 });
        Assert.Equal(1, (await _client.GetAsync(path))["metadata"]!["generation"]!.GetValue<long>());

        labelled["spec"]!["replicas"] = 3;
        var scaled = (await _client.ApplyAsync(path, labelled, "me")).Body;
        Assert.Equal(2, scaled["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Applying_the_same_configuration_again_changes_nothing()
    {
        var path = "/api/v1/namespaces/ns1/configmaps/c";
        var first = (await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "v"), "me")).Body;
        var second = (await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "v"), "me")).Body;
        Assert.Equal(first["metadata"]!["resourceVersion"]!.GetValue<string>(), second["metadata"]!["resourceVersion"]!.GetValue<string>());
        var entry = Assert.Single(second["metadata"]!["managedFields"]!.AsArray());
        Assert.Equal("me", entry!["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.NotNull(entry["fieldsV1"]!["f:data"]!["f:key"]);
    }

    [Fact]
    public async Task Apply_without_a_field_manager_is_rejected_and_other_patch_types_are_not_served()
    {
        var (code, _) = await _client.SendAsync("PATCH", "/api/v1/namespaces/ns1/configmaps/c", RawClient.ConfigMap("ns1", "c", "v"), "application/apply-patch+yaml");
        Assert.Equal(400, code);
        var merge = await _client.SendAsync("PATCH", "/api/v1/namespaces/ns1/configmaps/c?fieldManager=me", RawClient.ConfigMap("ns1", "c", "v"), "application/merge-patch+json");
        Assert.Equal(415, merge.Code);
    }

    [Fact]
    public async Task A_field_another_manager_owns_with_a_different_value_is_a_conflict_unless_forced()
    {
        var path = "/api/v1/namespaces/ns1/configmaps/c";
        await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "mine"), "chtctl");
        await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "theirs"), "kubectl", force: true);

        var (code, body) = await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "mine"), "chtctl");
        Assert.Equal(409, code);
        Assert.Equal("Conflict", body["reason"]!.GetValue<string>());
        var cause = Assert.Single(body["details"]!["causes"]!.AsArray());
        Assert.Equal(".data.key", cause!["field"]!.GetValue<string>());
        Assert.Equal("conflict with \"kubectl\" using v1", cause["message"]!.GetValue<string>());
        Assert.Equal("theirs", (await _client.GetAsync(path))["data"]!["key"]!.GetValue<string>());

        var forced = await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "mine"), "chtctl", force: true);
        Assert.Equal(200, forced.Code);
        Assert.Equal("mine", forced.Body["data"]!["key"]!.GetValue<string>());
        // The forced field moves to chtctl; kubectl keeps only what both still agree on.
        Assert.DoesNotContain(forced.Body["metadata"]!["managedFields"]!.AsArray(),
            e => e!["manager"]!.GetValue<string>() == "kubectl" && e["fieldsV1"]!["f:data"] is not null);
    }

    [Fact]
    public async Task Two_managers_applying_the_same_value_share_the_field_without_conflict()
    {
        var path = "/api/v1/namespaces/ns1/configmaps/c";
        await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "same"), "a");
        var (code, body) = await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "same"), "b");
        Assert.Equal(200, code);
        Assert.Equal(2, body["metadata"]!["managedFields"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_update_takes_ownership_of_the_fields_it_changes()
    {
        var path = "/api/v1/namespaces/ns1/configmaps/c";
        await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "mine"), "chtctl");
        var edited = RawClient.ConfigMap("ns1", "c", "edited");
        Assert.Equal(200, (await _client.SendAsync("PUT", path + "?fieldManager=kubectl-edit", edited)).Code);
        var (code, body) = await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "mine"), "chtctl");
        Assert.Equal(409, code);
        Assert.Contains("kubectl-edit", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_the_applier_stops_setting_is_removed()
    {
        var path = "/api/v1/namespaces/ns1/configmaps/c";
        var withExtra = RawClient.ConfigMap("ns1", "c", "v");
        withExtra["data"]!["extra"] = "x";
        await _client.ApplyAsync(path, withExtra, "me");
        var after = (await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "v"), "me")).Body;
        Assert.Null(after["data"]!["extra"]);
        Assert.Equal("v", after["data"]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dry_run_answers_the_result_and_stores_nothing()
    {
        var path = "/api/v1/namespaces/ns1/configmaps/c";
        var (code, body) = await _client.ApplyAsync(path, RawClient.ConfigMap("ns1", "c", "v"), "me", dryRun: true);
        Assert.Equal(200, code);
        Assert.Equal("v", body["data"]!["key"]!.GetValue<string>());
        Assert.Equal(404, (await _client.SendAsync("GET", path)).Code);
    }

    [Fact]
    public async Task Lists_filter_by_label_selector_and_leave_kind_off_items()
    {
        await _client.ApplyAsync("/api/v1/namespaces/ns1/configmaps/a", RawClient.ConfigMap("ns1", "a", "v", new() { ["app"] = "x", ["tier"] = "db" }), "me");
        await _client.ApplyAsync("/api/v1/namespaces/ns1/configmaps/b", RawClient.ConfigMap("ns1", "b", "v", new() { ["app"] = "y" }), "me");
        async Task<string[]> Names(string selector) =>
            [.. (await _client.GetAsync("/api/v1/namespaces/ns1/configmaps?labelSelector=" + Uri.EscapeDataString(selector)))["items"]!.AsArray()
                .Select(i => i!["metadata"]!["name"]!.GetValue<string>())];
        Assert.Equal(["a"], await Names("app=x"));
        Assert.Equal(["a"], await Names("app in (x,z),tier"));
        Assert.Equal(["b"], await Names("app!=x"));
        Assert.Equal(["b"], await Names("!tier"));
        var all = await _client.GetAsync("/api/v1/configmaps");
        Assert.Equal("ConfigMapList", all["kind"]!.GetValue<string>());
        Assert.Null(all["items"]![0]!["kind"]);
    }

    [Fact]
    public async Task Secret_stringData_is_stored_as_base64_data()
    {
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "s", ["namespace"] = "ns1" },
            ["stringData"] = new JsonObject { ["PASSWORD"] = "hunter2" },
        };
        var body = (await _client.ApplyAsync("/api/v1/namespaces/ns1/secrets/s", secret, "me")).Body;
        Assert.Null(body["stringData"]);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("hunter2")), body["data"]!["PASSWORD"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_what_is_in_it()
    {
        await _client.ApplyAsync("/api/v1/namespaces/ns1/configmaps/c", RawClient.ConfigMap("ns1", "c", "v"), "me");
        Assert.Equal(200, (await _client.SendAsync("DELETE", "/api/v1/namespaces/ns1")).Code);
        Assert.Equal(404, (await _client.SendAsync("GET", "/api/v1/namespaces/ns1/configmaps/c")).Code);
    }

    [Fact]
    public async Task Access_reviews_answer_the_configured_denials()
    {
        _server.Deny("delete", "persistentvolumeclaims");
        JsonObject Review(string verb, string resource) => new()
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectAccessReview",
            ["spec"] = new JsonObject { ["resourceAttributes"] = new JsonObject { ["verb"] = verb, ["resource"] = resource, ["namespace"] = "ns1" } },
        };
        var denied = await _client.SendAsync("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", Review("delete", "persistentvolumeclaims"));
        Assert.Equal(201, denied.Code);
        Assert.False(denied.Body["status"]!["allowed"]!.GetValue<bool>());
        var allowed = await _client.SendAsync("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", Review("get", "persistentvolumeclaims"));
        Assert.True(allowed.Body["status"]!["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_deployment_controller_reports_available_or_a_failed_rollout_with_an_event()
    {
        await _client.ApplyAsync("/apis/apps/v1/namespaces/ns1/deployments/good", RawClient.Deployment("ns1", "good", 2), "me");
        var good = await _client.GetAsync("/apis/apps/v1/namespaces/ns1/deployments/good");
        Assert.Equal(1, good["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(2, good["status"]!["availableReplicas"]!.GetValue<long>());

        _server.Deployments.Set("bad", RolloutBehaviour.Fails);
        await _client.ApplyAsync("/apis/apps/v1/namespaces/ns1/deployments/bad", RawClient.Deployment("ns1", "bad", 1), "me");
        var bad = await _client.GetAsync("/apis/apps/v1/namespaces/ns1/deployments/bad");
        Assert.Contains(bad["status"]!["conditions"]!.AsArray(), c => c!["reason"]!.GetValue<string>() == "ProgressDeadlineExceeded");
        var events = await _client.GetAsync("/api/v1/namespaces/ns1/events");
        Assert.Contains(events["items"]!.AsArray(), e => e!["reason"]!.GetValue<string>() == "BackOff");
        var pod = await _client.GetAsync("/api/v1/namespaces/ns1/pods/" + DeploymentController.PodName("bad"));
        Assert.Equal(4, pod["status"]!["containerStatuses"]![0]!["restartCount"]!.GetValue<long>());
        Assert.Equal("bad", pod["metadata"]!["labels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pod_logs_are_plain_text_and_honour_tailLines()
    {
        await _client.ApplyAsync("/apis/apps/v1/namespaces/ns1/deployments/web", RawClient.Deployment("ns1", "web", 1), "me");
        _server.PodLogs[DeploymentController.PodName("web")] = "one\ntwo\nthree\n";
        using var http = new HttpClient { BaseAddress = new Uri(_server.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/ns1/pods/{DeploymentController.PodName("web")}/log?tailLines=2");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KubeApiServer.Token);
        using var response = await http.SendAsync(request);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("two\nthree\n", await response.Content.ReadAsStringAsync());
    }
}
