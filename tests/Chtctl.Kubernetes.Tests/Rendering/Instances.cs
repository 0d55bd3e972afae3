using Chtctl.Core.Secrets;
using Chtctl.Core.Spec;
using Chtctl.Core.Topology;
using Chtctl.Core.Validation;
using Chtctl.Core.Versions;
using Chtctl.Kubernetes.Rendering;
using k8s;
using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Rendering;

/// <summary>Kubernetes instances built in code, validated as an instance file would be, and rendered.</summary>
internal static class Instances
{
    /// <summary>Secrets that look like generated ones, to search the output for.</summary>
    public static InstanceSecrets RealLooking { get; } = new(
        CouchDbPassword: "pW7xQ2mLz9RkT4vB8nYc3A",
        CouchDbSecret: "s3cR9tKf2LpQ8wXz5VbN7m",
        CouchDbUuid: "u6J1hG4dS8aZ2xC5vB9nM3",
        ErlangCookie: "eC7rT2yU9iO4pL6kJ3hG8f");

    public static InstanceSpec Spec(int nodes = 1, KubernetesPlatform platform = KubernetesPlatform.K3s, string version = "4.22.0") => new()
    {
        Name = "clinic-a",
        Target = DeploymentTarget.Kubernetes,
        Cht = new ChtSpec { Version = version },
        Couchdb = new CouchDbSpec { Nodes = nodes },
        Tls = new TlsSpec { Mode = TlsMode.Ingress, Host = "clinic-a.example.org" },
        Kubernetes = new KubernetesSpec { Platform = platform },
    };

    public static InstanceSpec WithStorage(this InstanceSpec spec, Func<StorageSpec, StorageSpec> change) =>
        spec with { Kubernetes = spec.Kubernetes with { Storage = change(spec.Kubernetes.Storage) } };

    public static InstanceSpec WithKubernetes(this InstanceSpec spec, Func<KubernetesSpec, KubernetesSpec> change) =>
        spec with { Kubernetes = change(spec.Kubernetes) };

    public static InstanceTopology Topology(InstanceSpec spec)
    {
        var errors = InstanceSpecValidator.Validate(spec).Where(d => d.IsError).ToArray();
        Assert.True(errors.Length == 0, "test instance is invalid: " + string.Join("; ", errors.Select(e => e.ToString())));
        return TopologyBuilder.Build(spec, ChtRelease.FromRule(ChtVersion.Parse(spec.Cht.Version), spec.Cht.Registry));
    }

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects(InstanceSpec spec, InstanceSecrets? secrets = null) =>
        new KubernetesRenderer().Objects(Topology(spec), secrets ?? InstanceSecrets.Redacted);

    public static T Single<T>(this IEnumerable<IKubernetesObject<V1ObjectMeta>> objects, string name) where T : IKubernetesObject<V1ObjectMeta> =>
        Assert.Single(objects.OfType<T>(), o => o.Metadata.Name == name);

    public static IEnumerable<string> Names<T>(this IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) =>
        objects.OfType<T>().Cast<IKubernetesObject<V1ObjectMeta>>().Select(o => o.Metadata.Name);

    public static V1Container Container(this V1Deployment deployment, string name) =>
        Assert.Single(deployment.Spec.Template.Spec.Containers, c => c.Name == name);
}
