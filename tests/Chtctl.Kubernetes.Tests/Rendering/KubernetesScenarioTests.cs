using Chtctl.Kubernetes.Rendering;
using Chtctl.Testing;
using k8s;
using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Rendering;

/// <summary>Each folder under Scenarios/ renders exactly to its expected/ files, and each file is a valid object.</summary>
public sealed class KubernetesScenarioTests
{
    public static TheoryData<string> Scenarios => Scenario.All();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Renders_the_expected_objects(string name)
    {
        var scenario = Scenario.Named(name);

        scenario.AssertMatches(scenario.Render(new KubernetesRenderer()));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_file_loads_back_as_the_one_object_its_name_announces(string name)
    {
        var tree = Scenario.Named(name).Render(new KubernetesRenderer());

        Assert.NotEmpty(tree.Files);
        foreach (var file in tree.Files)
        {
            var loaded = KubernetesYaml.LoadAllFromString(file.Content);
            var obj = Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(Assert.Single(loaded));
            var parts = Path.GetFileNameWithoutExtension(file.Path).Split('-', 3);
            Assert.Equal(parts[1], obj.Kind.ToLowerInvariant());
            Assert.Equal(parts[2], obj.Metadata.Name);
            // Nothing was lost on the way: the loaded object writes back to the same text.
            Assert.Equal(file.Content, ManifestFiles.Text(obj));
        }
    }
}
