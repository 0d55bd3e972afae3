using Chtctl.Core.Collections;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Topology;

/// <summary>What a component does in the instance; renderers map roles to their target's objects.</summary>
public enum ComponentRole
{
    CouchDb,
    Nouveau,
    HealthAgent,
    Haproxy,
    Api,
    Sentinel,
    UpgradeService,
    Edge,
}

/// <summary>
/// One running part of an instance, target-neutral: image, command, environment, ports, volumes,
/// probes, resources and when it starts.
/// </summary>
public sealed record Component
{
    /// <summary>Service name inside the instance (DNS name on Compose, Service name on Kubernetes): <c>api</c>, <c>couchdb-2</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Container name as CHT's upgrade payload names it: <c>cht-api</c>, <c>cht-couchdb-2</c>, <c>upgrade-service</c>.</summary>
    public required string ContainerName { get; init; }

    public required ComponentRole Role { get; init; }

    public required string Image { get; init; }

    /// <summary>Arguments replacing the image's command; empty keeps the image's own.</summary>
    public IReadOnlyList<string> Command { get; init => field = EquatableList.From(value); } = EquatableList<string>.Empty;

    public IReadOnlyList<EnvVar> Env { get; init => field = EquatableList.From(value); } = EquatableList<EnvVar>.Empty;

    public IReadOnlyList<PortSpec> Ports { get; init => field = EquatableList.From(value); } = EquatableList<PortSpec>.Empty;

    public IReadOnlyList<Mount> Mounts { get; init => field = EquatableList.From(value); } = EquatableList<Mount>.Empty;

    /// <summary>Ready to receive traffic. On Compose this is the container healthcheck.</summary>
    public Probe? Readiness { get; init; }

    /// <summary>Alive; failing it restarts the container (Kubernetes only: Compose restarts on exit).</summary>
    public Probe? Liveness { get; init; }

    /// <summary>
    /// The Compose healthcheck command, written for the tools inside this image, as the container runs it:
    /// the renderer spells it for its target (Compose escapes <c>$</c> as <c>$$</c>).
    /// </summary>
    public IReadOnlyList<string> HealthCommand { get; init => field = EquatableList.From(value); } = EquatableList<string>.Empty;

    public ResourceSpec? Resources { get; init; }

    /// <summary>Start order: every component of wave N is ready before wave N+1 starts. See <see cref="Waves"/>.</summary>
    public required int Wave { get; init; }

    /// <summary>Extra DNS names the component answers to (Erlang long node names need a dotted host).</summary>
    public IReadOnlyList<string> Aliases { get; init => field = EquatableList.From(value); } = EquatableList<string>.Empty;

    /// <summary>CouchDB node number (1-based) for a CouchDB node and its nouveau; null otherwise.</summary>
    public int? CouchDbNode { get; init; }

    /// <summary>On Kubernetes, run as a second container in this component's pod (nouveau beside its CouchDB).</summary>
    public string? PodOf { get; init; }

    /// <summary>Components allowed to connect to this one; <see cref="Clients.PublicEdge"/> means traffic from outside.</summary>
    public IReadOnlyList<string> AllowedClients { get; init => field = EquatableList.From(value); } = EquatableList<string>.Empty;

    /// <summary>Components of the same wave that must be up first (haproxy resolves its agent's address at start).</summary>
    public IReadOnlyList<string> After { get; init => field = EquatableList.From(value); } = EquatableList<string>.Empty;

    /// <summary>
    /// When set, exactly the components this one needs before it starts, instead of the whole previous
    /// wave: the edge needs api, not the upgrade service, so a broken upgrade service cannot keep the site down.
    /// </summary>
    public IReadOnlyList<string>? Needs { get; init => field = value is null ? null : EquatableList.From(value); }

    /// <summary>What must be ready before this starts: <see cref="Needs"/> or the previous wave, plus <see cref="After"/>.</summary>
    public IEnumerable<string> DependsOn(InstanceTopology topology)
    {
        if (Needs is not null)
            return Needs.Concat(After).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        var previous = topology.Components.Where(c => c.Wave < Wave && c.PodOf is null).Select(c => c.Wave).DefaultIfEmpty(-1).Max();
        return topology.Components.Where(c => c.Wave == previous && c.PodOf is null).Select(c => c.Name).Concat(After)
            .Distinct().OrderBy(n => n, StringComparer.Ordinal);
    }
}

public static class Clients
{
    /// <summary>Stands for clients outside the instance: the Ingress controller or published host ports.</summary>
    public const string PublicEdge = "@edge";
}

public static class Waves
{
    public const int CouchDb = 0;
    public const int Proxy = 1;
    public const int Api = 2;
    public const int Workers = 3;
    public const int Edge = 4;
}

public sealed record PortSpec(string Name, int Number);

/// <summary>An environment variable and where its value comes from.</summary>
public sealed record EnvVar(string Name, EnvValue Value);

public abstract record EnvValue
{
    /// <summary>A plain value, safe to show.</summary>
    public sealed record Text(string Value) : EnvValue;

    /// <summary>A secret from the instance's secret store, never written into plain configuration.</summary>
    public sealed record Secret(SecretKeyRef Key) : EnvValue;

    /// <summary>
    /// A value built around a secret, such as <c>COUCH_URL</c>. <see cref="Template"/> holds
    /// <c>{secret}</c> where the secret goes; renderers use their target's own reference syntax
    /// (Compose interpolation, Kubernetes dependent variables) so the secret stays in the store.
    /// </summary>
    public sealed record SecretTemplate(string Template, SecretKeyRef Key) : EnvValue
    {
        public const string Placeholder = "{secret}";
    }

    /// <summary>
    /// A path inside the instance home (Compose only), such as the recorded instance file: the home's host
    /// path is the target's to decide, and the upgrade service sees it at that same path.
    /// </summary>
    public sealed record InstanceHomePath(string RelativePath) : EnvValue;

    /// <summary>
    /// The host path of the engine socket (Compose only), as the driver passes it to Compose: a driver run
    /// inside the instance renders the socket mount from the same host path, not from the one it sees.
    /// </summary>
    public sealed record EngineSocketPath : EnvValue;
}

/// <summary>Refers to a secret value by key, so topology never holds the value itself.</summary>
public sealed record SecretKeyRef(Secrets.SecretKey Key)
{
    public string EnvName => Secrets.SecretKeyNames.EnvName(Key);
}
