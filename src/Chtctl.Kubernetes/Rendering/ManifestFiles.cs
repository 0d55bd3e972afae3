using System.Globalization;
using Chtctl.Core.Rendering;
using k8s;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// Writes objects as files <c>NN-&lt;kind&gt;-&lt;name&gt;.yaml</c>, NN being the apply order, so a directory
/// listing reads in the order <c>kubectl apply -f</c> would apply it. Secrets are marked private (mode 0600).
/// </summary>
internal static class ManifestFiles
{
    public static RenderedTree Write(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        // At least two digits; more only when an instance has 100 objects or more (a large cluster).
        var width = Math.Max(2, objects.Count.ToString(CultureInfo.InvariantCulture).Length);
        var tree = new RenderedTree();
        for (var i = 0; i < objects.Count; i++)
        {
            var obj = objects[i];
            var order = (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            var path = $"{order}-{obj.Kind.ToLowerInvariant()}-{obj.Metadata.Name}.yaml";
            tree.Add(path, Text(obj), isPrivate: obj is V1Secret);
        }

        return tree;
    }

    /// <summary>One YAML document, ending with exactly one line break as text files do.</summary>
    public static string Text(IKubernetesObject<V1ObjectMeta> obj)
    {
        var yaml = ManifestYaml.Write(obj);
        return yaml.EndsWith('\n') ? yaml : yaml + "\n";
    }
}
