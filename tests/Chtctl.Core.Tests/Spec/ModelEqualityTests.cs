using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Chtctl.Core.Collections;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;
using Chtctl.Core.Topology;
using Chtctl.Core.Versions;

namespace Chtctl.Core.Tests.Spec;

/// <summary>Specs and topologies compare by content, so "did anything change" is a plain <c>==</c>.</summary>
public sealed class ModelEqualityTests
{
    private const string Kubernetes = """
        apiVersion: chtctl/v1
        name: district
        target: kubernetes
        cht: { version: 5.0.0 }
        couchdb: { nodes: 3, logLevel: info }
        tls: { mode: ingress, host: district.example.org }
        kubernetes:
          platform: k3s
          pinning: [worker-1, worker-2, worker-3]
          storage:
            hostPaths: [/srv/couchdb1, /srv/couchdb2, /srv/couchdb3]
          ingress:
            annotations:
              alb.ingress.kubernetes.io/group.name: dev-cht-alb
              alb.ingress.kubernetes.io/tags: Environment=dev,Team=QA
        resources:
          couchdb: { cpu: "2", memory: 4Gi }
        """;

    private const string Compose = """
        apiVersion: chtctl/v1
        name: clinic-a
        cht: { version: 4.22.0 }
        couchdb: { nodes: 3 }
        tls: { host: clinic.example.org }
        compose: { ports: { http: 8080, https: 8443 } }
        """;

    [Theory]
    [InlineData(Kubernetes)]
    [InlineData(Compose)]
    public void Two_independent_parses_of_one_instance_file_give_equal_specs_and_equal_topologies(string file)
    {
        var first = Parse(file);
        var second = Parse(file);

        Assert.NotSame(first, second);
        Assert.True(first == second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());

        var firstTopology = Build(first);
        var secondTopology = Build(second);
        Assert.True(firstTopology == secondTopology);
        Assert.Equal(firstTopology.GetHashCode(), secondTopology.GetHashCode());
    }

    [Theory]
    [InlineData("worker-2, worker-3]", "worker-9, worker-3]")]
    [InlineData("/srv/couchdb3]", "/srv/couchdb4]")]
    [InlineData("Team=QA", "Team=Ops")]
    [InlineData("logLevel: info", "logLevel: debug")]
    [InlineData("cpu: \"2\"", "cpu: \"4\"")]
    public void One_changed_value_makes_the_specs_and_the_topologies_differ(string from, string to)
    {
        var changed = Kubernetes.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Kubernetes, changed);

        var spec = Parse(Kubernetes);
        var other = Parse(changed);

        Assert.True(spec != other);
        Assert.True(Build(spec) != Build(other));
    }

    [Fact]
    public void Annotations_written_in_another_order_are_the_same_annotations_but_pinning_in_another_order_is_not_the_same_pinning()
    {
        var reorderedAnnotations = Kubernetes.Replace(
            "      alb.ingress.kubernetes.io/group.name: dev-cht-alb\n      alb.ingress.kubernetes.io/tags: Environment=dev,Team=QA",
            "      alb.ingress.kubernetes.io/tags: Environment=dev,Team=QA\n      alb.ingress.kubernetes.io/group.name: dev-cht-alb",
            StringComparison.Ordinal);
        var reorderedPinning = Kubernetes.Replace("[worker-1, worker-2, worker-3]", "[worker-2, worker-1, worker-3]", StringComparison.Ordinal);
        Assert.NotEqual(Kubernetes, reorderedAnnotations);

        Assert.Equal(Parse(Kubernetes), Parse(reorderedAnnotations));
        Assert.NotEqual(Parse(Kubernetes), Parse(reorderedPinning));
    }

    [Fact]
    public void Specs_built_in_code_with_other_list_types_equal_the_parsed_one()
    {
        var parsed = Parse(Compose);
        var built = new InstanceSpec
        {
            Name = "clinic-a",
            Cht = new ChtSpec { Version = "4.22.0" },
            Couchdb = new CouchDbSpec { Nodes = 3 },
            Tls = new TlsSpec { Host = "clinic.example.org" },
            Compose = new ComposeSpec { Ports = new PortsSpec { Http = 8080, Https = 8443 } },
            Kubernetes = new KubernetesSpec { Pinning = new List<string>(), Ingress = new IngressSpec { Annotations = new Dictionary<string, string>() } },
        };

        Assert.Equal(parsed, built);
    }

    [Fact]
    public void A_list_given_to_a_record_is_copied_so_changing_it_afterwards_changes_nothing()
    {
        var pinning = new List<string> { "worker-1" };
        var spec = new KubernetesSpec { Pinning = pinning };

        pinning.Add("worker-2");

        Assert.Equal(["worker-1"], spec.Pinning);
    }

    /// <summary>
    /// Every list or dictionary property of the model keeps an equatable collection, so a property added
    /// later cannot quietly bring back reference equality.
    /// </summary>
    [Fact]
    public void Every_list_and_dictionary_member_of_the_spec_and_topology_records_stores_an_equatable_collection()
    {
        var records = typeof(InstanceSpec).Assembly.GetTypes()
            .Where(t => t.Namespace is "Chtctl.Core.Spec" or "Chtctl.Core.Topology" || t == typeof(ChtRelease))
            .Where(t => !t.IsAbstract && t.GetMethod("<Clone>$") is not null);
        var checkedMembers = new List<string>();
        foreach (var record in records)
        {
            foreach (var property in record.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsCollection(p.PropertyType)))
            {
                var instance = RuntimeHelpers.GetUninitializedObject(record);
                property.SetValue(instance, PlainCollection(property.PropertyType));
                var stored = property.GetValue(instance);
                Assert.True(stored is not null && stored.GetType().IsGenericType
                    && (stored.GetType().GetGenericTypeDefinition() == typeof(EquatableList<>) || stored.GetType().GetGenericTypeDefinition() == typeof(EquatableDictionary<,>)),
                    $"{record.Name}.{property.Name} stores a {stored?.GetType().Name}: wrap it with EquatableList.From / EquatableDictionary.From in its init accessor");
                checkedMembers.Add($"{record.Name}.{property.Name}");
            }
        }

        Assert.Contains("KubernetesSpec.Pinning", checkedMembers);
        Assert.Contains("IngressSpec.Annotations", checkedMembers);
        Assert.Contains("Component.Env", checkedMembers);
        Assert.Contains("Exec.Command", checkedMembers);
        Assert.Contains("InstanceTopology.Components", checkedMembers);
        Assert.Contains("ChtRelease.Images", checkedMembers);
    }

    private static bool IsCollection(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static object PlainCollection(Type type)
    {
        var arguments = type.GetGenericArguments();
        return arguments.Length == 2
            ? Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!
            : Activator.CreateInstance(typeof(List<>).MakeGenericType(arguments))!;
    }

    private static InstanceSpec Parse(string text)
    {
        var result = InstanceFileReader.Read(text, "instance.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Spec!;
    }

    private static InstanceTopology Build(InstanceSpec spec)
    {
        Assert.True(VersionRequest.TryParse(spec.Cht.Version, out var request));
        return TopologyBuilder.Build(spec, new ReleaseCatalogue(spec.Cht.Registry).Resolve(request, pinned: null));
    }
}
