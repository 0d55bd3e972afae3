using Chtctl.Core.Collections;
using Chtctl.Core.Spec;
using Chtctl.Core.Versions;

namespace Chtctl.Core.Topology;

/// <summary>
/// A whole instance, target-neutral: the input of every renderer. Compares by content, down to each
/// component's lists (they are <see cref="EquatableList{T}"/>s), so two builds of one spec are equal.
/// </summary>
public sealed record InstanceTopology
{
    public required InstanceSpec Spec { get; init; }

    public required ChtRelease Release { get; init; }

    /// <summary>Kubernetes namespace (the instance name unless set); unused on Compose.</summary>
    public required string Namespace { get; init; }

    /// <summary>Components in start order (wave), then name.</summary>
    public required IReadOnlyList<Component> Components { get; init => field = EquatableList.From(value); }

    /// <summary>Host names CouchDB nodes are known by, in node order (<c>COUCHDB_SERVERS</c>).</summary>
    public required IReadOnlyList<string> CouchDbHosts { get; init => field = EquatableList.From(value); }

    public required EdgeSettings Edge { get; init; }

    public string Name => Spec.Name;

    public bool IsClustered => CouchDbHosts.Count > 1;

    public Component this[string name] => Components.Single(c => c.Name == name);

    public IEnumerable<Component> ByRole(ComponentRole role) => Components.Where(c => c.Role == role);
}

/// <summary>The public edge: nginx on Compose, an Ingress on Kubernetes.</summary>
public sealed record EdgeSettings(string Host, TlsMode TlsMode, int HttpPort, int HttpsPort);

public static class Ports
{
    public const int CouchDb = 5984;
    public const int Epmd = 4369;
    public const int ErlangDistribution = 9100;
    public const int Haproxy = 5984;
    public const int HealthAgent = 5555;
    public const int HealthAgentMetrics = 9555;
    public const int Api = 5988;
    public const int UpgradeService = 5008;
    public const int Http = 80;
    public const int Https = 443;
}
