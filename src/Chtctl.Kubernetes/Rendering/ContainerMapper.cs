using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>One component as one container.</summary>
internal static class ContainerMapper
{
    public static V1Container Map(InstanceTopology topology, Component component) => new()
    {
        // The upgrade payload names containers; the upgrade service finds them by this name.
        Name = component.ContainerName,
        Image = component.Image,
        // The topology's command replaces the image's CMD and keeps its ENTRYPOINT, as Compose's `command:` does: that is `args`.
        Args = component.Command.Count == 0 ? null : component.Command.Select(EnvironmentMapper.Escape).ToList(),
        Env = component.Env.Count == 0 ? null : EnvironmentMapper.Map(component.Env),
        Ports = component.Ports.Count == 0
            ? null
            : component.Ports.Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.Number, Protocol = "TCP" }).ToList(),
        VolumeMounts = component.Mounts.Count == 0 ? null : component.Mounts.Select(m => PodVolumes.MountOf(topology, m)).ToList(),
        ReadinessProbe = ProbeMapper.Map(component.Readiness),
        LivenessProbe = ProbeMapper.Map(component.Liveness),
        Resources = ResourceMapper.Map(component),
    };
}
