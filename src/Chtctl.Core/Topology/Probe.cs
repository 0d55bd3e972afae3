using Chtctl.Core.Collections;

namespace Chtctl.Core.Topology;

/// <summary>A readiness or liveness check, with Kubernetes' timing fields (Compose uses the same numbers).</summary>
public sealed record Probe(ProbeAction Action, int PeriodSeconds = 10, int TimeoutSeconds = 5, int FailureThreshold = 3, int InitialDelaySeconds = 0);

public abstract record ProbeAction
{
    public sealed record HttpGet(string Path, int Port) : ProbeAction;

    public sealed record TcpSocket(int Port) : ProbeAction;

    /// <summary>A command run inside the container; exit 0 is healthy.</summary>
    public sealed record Exec(IReadOnlyList<string> Command) : ProbeAction
    {
        public IReadOnlyList<string> Command { get; init => field = EquatableList.From(value); } = EquatableList.From(Command);
    }
}
