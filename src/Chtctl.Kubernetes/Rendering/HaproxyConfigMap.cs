using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>The rendered <c>haproxy.cfg</c>, mounted into the HAProxy pod as one file.</summary>
internal static class HaproxyConfigMap
{
    public static V1ConfigMap Build(InstanceTopology topology, string haproxyConfig)
    {
        var haproxy = topology.ByRole(ComponentRole.Haproxy).Single();
        return new V1ConfigMap
        {
            ApiVersion = V1ConfigMap.KubeApiVersion,
            Kind = V1ConfigMap.KubeKind,
            Metadata = ObjectMeta.ForComponent(topology, ObjectNames.HaproxyConfigMap, haproxy),
            Data = new SortedDictionary<string, string>(StringComparer.Ordinal) { [TopologyBuilder.HaproxyConfigFile] = haproxyConfig },
        };
    }
}
