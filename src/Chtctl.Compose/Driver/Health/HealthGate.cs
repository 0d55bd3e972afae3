using Chtctl.Core.Topology;
using Chtctl.CouchDb.Membership;
using Chtctl.CouchDb.Protocol;

namespace Chtctl.Compose.Driver.Health;

/// <summary>
/// One signal that must be green before an instance counts as up. <see cref="CheckAsync"/> returns normally
/// when green and throws <see cref="GateProblem"/> with the reason when not. <see cref="Service"/> is the
/// component whose logs explain a failure.
/// </summary>
public abstract record HealthGate(string Name, string Service)
{
    public abstract Task CheckAsync(GateContext context, CancellationToken cancellationToken);

    /// <summary>The gates of an instance, in the order its parts come up.</summary>
    public static IReadOnlyList<HealthGate> For(InstanceTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var gates = new List<HealthGate>();
        var nodes = topology.Components.Where(c => c.Role == ComponentRole.CouchDb).ToArray();
        foreach (var node in nodes)
            gates.Add(new CouchDbNodeGate(node.Name, topology.CouchDbHosts));
        if (topology.Components.FirstOrDefault(c => c.Role == ComponentRole.Haproxy) is { } haproxy)
            gates.Add(new HaproxyBackendsGate(haproxy.Name, nodes.Length));
        if (topology.Components.FirstOrDefault(c => c.Role == ComponentRole.Api) is { } api)
            gates.Add(new ApiReadyGate(api.Name));
        if (topology.Components.FirstOrDefault(c => c.Role == ComponentRole.Edge) is { } edge)
            gates.Add(new EdgeGate(edge.Name, topology.Spec.Compose.Ports.Https));
        gates.Add(new ContainersGate([.. topology.Components.Select(c => c.Name)]));
        return gates;
    }
}

/// <summary>
/// A CouchDB node answers <c>/_up</c>; in a cluster its own <c>/_membership</c> also shows the cluster complete
/// (<see cref="ClusterMembershipRule.IsComplete"/>): every configured member joined, and connected.
/// </summary>
/// <param name="Node">The node's service.</param>
/// <param name="Members">The hosts of every CouchDB node of the instance (<c>couchdb-1.local</c>, …).</param>
public sealed record CouchDbNodeGate(string Node, IReadOnlyList<string> Members) : HealthGate($"CouchDB {Node} up" + (Members.Count > 1 ? " and joined" : ""), Node)
{
    public override async Task CheckAsync(GateContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rule = new ClusterMembershipRule(Members);
        var (status, body) = await context.GetAsync(Node, Ports.CouchDb, "/" + CouchDbUp.Path, admin: true, cancellationToken).ConfigureAwait(false);
        if (CouchDbUp.Read(status, body) is { IsUp: false } up)
            throw new GateProblem($"{up.Reason}: {Short(body)}");
        if (!rule.NeedsMembership)
            return;
        (status, body) = await context.GetAsync(Node, Ports.CouchDb, "/" + CouchDbMembership.Path, admin: true, cancellationToken).ConfigureAwait(false);
        if (status != 200)
            throw new GateProblem($"/_membership answered {status}: {Short(body)}");
        if (!CouchDbMembership.TryParse(body, out var membership, out var unreadable))
            throw new GateProblem($"unreadable /_membership ({unreadable}): {Short(body)}");
        if (rule.IsComplete(membership).Problem is { } problem)
            throw new GateProblem(problem);
    }

    internal static string Short(string body) => body.Length > 200 ? body[..200] + "…" : body.Trim();
}

/// <summary>HAProxy sees every CouchDB backend UP (its stats page as CSV, behind the CouchDB credentials).</summary>
public sealed record HaproxyBackendsGate(string Haproxy, int Backends) : HealthGate($"HAProxy: all {Backends} CouchDB backend{(Backends == 1 ? "" : "s")} UP", Haproxy)
{
    public override async Task CheckAsync(GateContext context, CancellationToken cancellationToken)
    {
        var (status, body) = await context.GetAsync(Haproxy, 5984, "/haproxy?stats;csv", admin: true, cancellationToken).ConfigureAwait(false);
        if (status != 200)
            throw new GateProblem($"stats answered {status}: {CouchDbNodeGate.Short(body)}");
        var servers = HaproxyStats.Servers(body, "couchdb-servers");
        var notUp = servers.Where(s => !s.Status.StartsWith("UP", StringComparison.Ordinal)).ToArray();
        if (servers.Count < Backends)
            throw new GateProblem($"HAProxy lists {servers.Count} of {Backends} CouchDB servers");
        if (notUp.Length > 0)
            throw new GateProblem(string.Join(", ", notUp.Select(s => $"{s.Name} is {s.Status}" + (s.Check.Length > 0 ? $" ({s.Check})" : ""))));
    }
}

/// <summary>CHT api answers <c>/setup/poll</c>: it has started and reached CouchDB.</summary>
public sealed record ApiReadyGate(string Api) : HealthGate("api ready (/setup/poll)", Api)
{
    public override async Task CheckAsync(GateContext context, CancellationToken cancellationToken)
    {
        var (status, body) = await context.GetAsync(Api, 5988, "/setup/poll", admin: false, cancellationToken).ConfigureAwait(false);
        if (status != 200)
            throw new GateProblem($"/setup/poll answered {status}: {CouchDbNodeGate.Short(body)}");
    }
}

/// <summary>The edge answers over HTTPS, through nginx to api, with the certificate chtctl installed.</summary>
public sealed record EdgeGate(string Edge, int HttpsPort) : HealthGate($"edge answers on https://…:{HttpsPort} with the instance certificate", Edge)
{
    public override async Task CheckAsync(GateContext context, CancellationToken cancellationToken)
    {
        var (status, body) = await context.GetEdgeAsync(HttpsPort, "/setup/poll", cancellationToken).ConfigureAwait(false);
        if (context.ExpectedThumbprint is { } expected && !string.Equals(context.PresentedThumbprint, expected, StringComparison.OrdinalIgnoreCase))
            throw new GateProblem($"the edge presents a certificate (SHA-256 {context.PresentedThumbprint ?? "none"}) that is not the instance's ({expected}); is another server on port {HttpsPort}?");
        if (status != 200)
            throw new GateProblem($"/setup/poll through the edge answered {status}: {CouchDbNodeGate.Short(body)}");
    }
}

/// <summary>Every container runs, and is healthy where it has a healthcheck (agent, sentinel, upgrade service too).</summary>
public sealed record ContainersGate(IReadOnlyList<string> Services) : HealthGate("every container running and healthy", Services[^1])
{
    public override Task CheckAsync(GateContext context, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var service in Services)
        {
            var container = context.Container(service);
            if (container is null)
                problems.Add($"{service}: no container");
            else if (!container.Healthy)
                problems.Add($"{service}: {container.State}{(container.Health is { } h ? ", " + h : "")}");
        }
        if (problems.Count > 0)
            throw new GateProblem(string.Join("; ", problems));
        return Task.CompletedTask;
    }

    /// <summary>The first service that is not healthy, whose logs explain the failure.</summary>
    public string Culprit(GateContext context) =>
        Services.FirstOrDefault(s => context.Container(s) is not { Healthy: true }) ?? Service;
}
