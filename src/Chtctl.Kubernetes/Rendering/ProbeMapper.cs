using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>The topology's readiness and liveness checks as Kubernetes probes.</summary>
internal static class ProbeMapper
{
    public static V1Probe? Map(Probe? probe) => probe is null ? null : new V1Probe
    {
        PeriodSeconds = probe.PeriodSeconds,
        TimeoutSeconds = probe.TimeoutSeconds,
        FailureThreshold = probe.FailureThreshold,
        InitialDelaySeconds = probe.InitialDelaySeconds == 0 ? null : probe.InitialDelaySeconds,
        HttpGet = probe.Action is ProbeAction.HttpGet http ? new V1HTTPGetAction { Path = http.Path, Port = http.Port } : null,
        TcpSocket = probe.Action is ProbeAction.TcpSocket tcp ? new V1TCPSocketAction { Port = tcp.Port } : null,
        // Probe commands are not expanded by Kubernetes, so they need no $-escaping.
        Exec = probe.Action is ProbeAction.Exec exec ? new V1ExecAction { Command = exec.Command.ToList() } : null,
    };
}
