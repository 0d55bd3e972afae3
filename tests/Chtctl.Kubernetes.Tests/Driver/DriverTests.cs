using System.Text.Json.Nodes;
using Chtctl.Core.Secrets;
using Chtctl.Kubernetes.Driver;
using Chtctl.Kubernetes.Tests.Rendering;
using Chtctl.Testing.KubeApi;
using k8s;
using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Driver;

/// <summary>Driver pieces against the test API server, through a kubeconfig as in production.</summary>
public sealed class DriverTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "chtctl-driver-" + Guid.NewGuid().ToString("N"));
    private KubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _server = await KubeApiServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private KubeApi Open(string kubeconfig, string? context = null)
    {
        var path = Path.Combine(_dir, "kubeconfig");
        File.WriteAllText(path, kubeconfig);
        return ClusterConnection.Open(new ConnectionOptions(path, context), _ => null);
    }

    private static readonly InstanceRef Clinic = new("clinic-a", "clinic-a");

    [Fact]
    public void Waves_follow_the_renderers_start_order()
    {
        var objects = DesiredObject.FromAll(Instances.Objects(Instances.Spec(nodes: 3)));

        var waves = ApplyWaves.Of(objects);

        Assert.Equal("namespace, access, secrets, config, storage, policies, services", waves[0].Title);
        Assert.Equal(["cht-couchdb-1", "cht-couchdb-2", "cht-couchdb-3"], waves[1].Objects.Select(o => o.Name));
        Assert.Contains("cht-api", waves.Single(w => w.Objects.Any(o => o.Name == "cht-api")).Title, StringComparison.Ordinal);
        Assert.True(waves.ToList().FindIndex(w => w.Title.Contains("cht-api", StringComparison.Ordinal))
            < waves.ToList().FindIndex(w => w.Title.Contains("cht-sentinel", StringComparison.Ordinal)));
        Assert.Equal("ingress", waves[^1].Title);
        Assert.Equal(objects.Count, waves.Sum(w => w.Objects.Count));
    }

    [Fact]
    public async Task The_connection_uses_the_kubeconfig_context_and_its_token()
    {
        var kubeconfig = _server.Kubeconfig("good") + "\n";
        using var api = Open(kubeconfig, "good");
        Assert.NotNull(await api.GetPathAsync("/version", CancellationToken.None));

        using var wrongToken = Open(kubeconfig.Replace(KubeApiServer.Token, "stale", StringComparison.Ordinal), "good");
        var problems = await new Preflight(wrongToken, Clinic).CheckAsync([], new PreflightRequirements([], []), CancellationToken.None);
        Assert.Contains("refused the kubeconfig's credentials (401)", Assert.Single(problems), StringComparison.Ordinal);

        Assert.Throws<KubeconfigException>(() => Open(kubeconfig, "missing-context"));
    }

    [Fact]
    public async Task The_secret_store_creates_once_and_loads_the_same_values()
    {
        using var api = Open(_server.Kubeconfig());
        _server.Create(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "clinic-a" } });
        var store = new KubernetesSecretStore(api, Clinic);
        Assert.Null(await store.LoadAsync(CancellationToken.None));

        var created = await store.LoadOrCreateAsync(CancellationToken.None);
        var loaded = await store.LoadOrCreateAsync(CancellationToken.None);

        Assert.Equal(created, loaded);
        Assert.DoesNotContain(created.CouchDbPassword, store.Location, StringComparison.Ordinal);
        var secret = _server.Store.Get(ApiResource.ForKind("Secret"), "clinic-a", "cht-couchdb-credentials")!;
        Assert.Equal("chtctl", secret["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(1, Chtctl.Core.Spec.KubernetesPlatform.K3s)]
    [InlineData(3, Chtctl.Core.Spec.KubernetesPlatform.K3s)]
    [InlineData(3, Chtctl.Core.Spec.KubernetesPlatform.Eks)]
    [InlineData(1, Chtctl.Core.Spec.KubernetesPlatform.Gke)]
    public async Task Every_applied_object_reads_back_into_its_typed_model(int nodes, Chtctl.Core.Spec.KubernetesPlatform platform)
    {
        using var api = Open(_server.Kubeconfig());
        var objects = DesiredObject.FromAll(Instances.Objects(Instances.Spec(nodes, platform), Instances.RealLooking));

        foreach (var o in objects)
        {
            var applied = await api.ApplyAsync(o.Body, dryRun: false, force: false, CancellationToken.None);
            var typed = KubernetesJson.Deserialize<KubernetesObjectWithMeta>(applied.ToJsonString());
            Assert.Equal(o.Name, typed.Metadata.Name);
        }

        var deployment = KubernetesJson.Deserialize<V1Deployment>((await api.GetAsync(ResourceKind.Deployment, "clinic-a", "cht-api", CancellationToken.None))!.ToJsonString());
        Assert.Equal(1, deployment.Status.ObservedGeneration);
        var secret = KubernetesJson.Deserialize<V1Secret>((await api.GetAsync(ResourceKind.Secret, "clinic-a", "cht-couchdb-credentials", CancellationToken.None))!.ToJsonString());
        Assert.Equal(Instances.RealLooking.CouchDbPassword, System.Text.Encoding.UTF8.GetString(secret.Data["COUCHDB_PASSWORD"]));
    }

    [Fact]
    public void Json_diff_names_changed_added_and_removed_fields()
    {
        var before = JsonNode.Parse("""{"spec":{"replicas":1,"rules":[{"host":"a"}],"gone":true}}""");
        var after = JsonNode.Parse("""{"spec":{"replicas":2,"rules":[{"host":"a"}],"new":"x"}}""");

        Assert.Equal([".spec.gone", ".spec.new", ".spec.replicas"], JsonDiff.ChangedPaths(before, after));
    }

    [Fact]
    public void Deployment_state_requires_the_new_generation_observed()
    {
        var live = JsonNode.Parse("""{"metadata":{"generation":2},"spec":{"replicas":1},"status":{"observedGeneration":1,"updatedReplicas":1,"availableReplicas":1}}""")!.AsObject();
        Assert.False(DeploymentState.Of(live).IsReady);
        live["status"]!["observedGeneration"] = 2;
        Assert.True(DeploymentState.Of(JsonNode.Parse(live.ToJsonString())!.AsObject()).IsReady);
    }

    private sealed class KubernetesObjectWithMeta : KubernetesObject, IMetadata<V1ObjectMeta>
    {
        public V1ObjectMeta Metadata { get; set; } = new();
    }
}
