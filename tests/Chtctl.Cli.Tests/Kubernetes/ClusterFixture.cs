using System.Text.Json.Nodes;
using Chtctl.Testing.KubeApi;

namespace Chtctl.Cli.Tests.Kubernetes;

/// <summary>
/// A test API server, a kubeconfig pointing at it (through KUBECONFIG) and a CliRunner: chtctl driven the way
/// an operator drives it against a cluster. The cluster has k3s's default StorageClass.
/// </summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    protected const string Instance = "apiVersion: chtctl/v1\nname: clinic\ntarget: kubernetes\ncht: { version: 4.22.0 }\ntls: { host: clinic.example.org }\n";

    internal CliRunner Cli { get; } = new();

    protected KubeApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await KubeApiServer.StartAsync();
        Cli.Environment["KUBECONFIG"] = Cli.Write("kubeconfig.yaml", Server.Kubeconfig());
        Server.Create(new JsonObject
        {
            ["apiVersion"] = "storage.k8s.io/v1",
            ["kind"] = "StorageClass",
            ["metadata"] = new JsonObject { ["name"] = "local-path" },
            ["provisioner"] = "rancher.io/local-path",
        });
        Cli.Write("clinic.yaml", Instance);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Cli.Dispose();
    }

    internal CliRunner.Result Run(params string[] args) => Cli.Run(args);

    protected void Edit(string from, string to) =>
        Cli.Write("clinic.yaml", File.ReadAllText(Path.Combine(Cli.WorkingDirectory, "clinic.yaml")).Replace(from, to, StringComparison.Ordinal));

    protected JsonObject? Get(string kind, string name, string? ns = "clinic") =>
        Server.Store.Get(ApiResource.ForKind(kind), ApiResource.ForKind(kind).Namespaced ? ns : null, name);

    protected IReadOnlyList<string> Names(string kind, string? ns = "clinic") =>
        [.. Server.Store.List(ApiResource.ForKind(kind), ApiResource.ForKind(kind).Namespaced ? ns : null, null).Items.Select(o => o["metadata"]!["name"]!.GetValue<string>())];

    /// <summary>Every object's resourceVersion, to prove a run changed nothing.</summary>
    protected Dictionary<string, string> Versions() =>
        ApiResource.All.Where(r => r.Kind != "Event")
            .SelectMany(r => Server.Store.List(r, null, null).Items.Select(o => (Key: $"{r.Kind}/{o["metadata"]!["namespace"]}/{o["metadata"]!["name"]}", Version: o["metadata"]!["resourceVersion"]!.GetValue<string>())))
            .ToDictionary(p => p.Key, p => p.Version);

    internal static void AssertExit(int expected, CliRunner.Result result) =>
        Assert.True(result.ExitCode == expected, $"exit {result.ExitCode}, expected {expected}\nstdout:\n{result.Out}\nstderr:\n{result.Error}");
}
