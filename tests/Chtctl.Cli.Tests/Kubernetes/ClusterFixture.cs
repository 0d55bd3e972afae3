using System.Text;
using System.Text.Json.Nodes;
using Chtctl.Testing;
using Chtctl.Testing.KubeApi;

namespace Chtctl.Cli.Tests.Kubernetes;

/// <summary>
/// A test API server, a kubeconfig pointing at it (through KUBECONFIG) and a CliRunner: chtctl driven the way
/// an operator drives it against a cluster. The cluster has k3s's default StorageClass, and the Services of
/// instances <c>clinic</c> and <c>district</c> reach healthy CouchDB/api backends through the service proxy
/// (a complete three-node membership for clinic).
/// </summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    protected const string Instance = "apiVersion: chtctl/v1\nname: clinic\ntarget: kubernetes\ncht: { version: 4.22.0 }\ntls: { host: clinic.example.org }\n";

    internal CliRunner Cli { get; } = new();

    protected KubeApiServer Server { get; private set; } = null!;

    /// <summary>The backend behind every Service of the instance in namespace clinic.</summary>
    protected CouchDbBackend Backend { get; private set; } = null!;

    private readonly List<CouchDbBackend> _backends = [];

    /// <summary>The Services chtctl asks through the proxy, with their ports.</summary>
    protected static readonly (string Service, int Port)[] ProxiedServices =
        [("api", 5988), ("haproxy", 5984), ("couchdb", 5984), ("couchdb-1", 5984), ("couchdb-2", 5984), ("couchdb-3", 5984)];

    protected static string NodeName(int n, string ns = "clinic") => $"couchdb@couchdb-{n}.{ns}.svc.cluster.local";

    /// <summary>A backend answering as a healthy instance in <paramref name="ns"/>, with the admin credentials from its Secret.</summary>
    protected CouchDbBackend StartBackend(string ns)
    {
        var backend = new CouchDbBackend(() => Credentials(ns));
        _backends.Add(backend);
        var three = Enumerable.Range(1, 3).Select(n => NodeName(n, ns)).ToList();
        backend.Membership = CouchDbBackend.MembershipOf(three, three);
        return backend;
    }

    protected void Route(string ns, string service, int port, CouchDbBackend backend) => Server.RouteService(ns, service, port, backend.Url);

    private (string User, string Password)? Credentials(string ns)
    {
        var data = Get("Secret", "cht-couchdb-credentials", ns)?["data"];
        string? Value(string key) => data?[key]?.GetValue<string>() is { } encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : null;
        return Value("COUCHDB_USER") is { } user && Value("COUCHDB_PASSWORD") is { } password ? (user, password) : null;
    }

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
        foreach (var ns in new[] { "clinic", "district" })
        {
            var backend = StartBackend(ns);
            if (ns == "clinic")
                Backend = backend;
            foreach (var (service, port) in ProxiedServices)
                Route(ns, service, port, backend);
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        foreach (var backend in _backends)
            await backend.DisposeAsync();
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
