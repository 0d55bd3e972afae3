using Chtctl.CouchDb.Protocol;

namespace Chtctl.Kubernetes.Driver;

/// <summary>One hop of the request chain: which Service, what was asked, and why it failed (null when OK).</summary>
public sealed record ChainHop(string Hop, string Service, string Request, bool Ok, string? Problem);

/// <summary>
/// The chain behind the Ingress, hop by hop, through the API server's service proxy: the api
/// (<c>/setup/poll</c>), CouchDB through HAProxy (<c>/_up</c>) and each CouchDB node (<c>/_up</c>). The Ingress
/// itself is not checked: the proxy reaches Services from inside the cluster, not the public edge.
/// </summary>
public static class ProxyChain
{
    private const int ApiPort = 5988;

    public static async Task<IReadOnlyList<ChainHop>> RunAsync(KubeApi api, InstanceRef instance, IEnumerable<string> deployments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(instance);
        var hops = new List<ChainHop>();
        var poll = await api.ProxyAsync(HttpMethod.Get, instance.Namespace, "api", ApiPort, "setup/poll", null, null, cancellationToken).ConfigureAwait(false);
        hops.Add(Hop("api", "api", ApiPort, "/setup/poll", poll));

        var nodes = MembershipWaiter.CouchDbServices(deployments);
        var admin = await new KubernetesSecretStore(api, instance).LoadAdminAsync(cancellationToken).ConfigureAwait(false);
        if (admin is null)
        {
            var missing = $"no CouchDB credentials in Secret {InstanceRef.CredentialsSecret}";
            hops.AddRange(nodes.Prepend("haproxy").Select(s => new ChainHop(s == "haproxy" ? "haproxy" : $"couchdb {s}", $"{s}:{CouchDbThroughProxy.Port}", "GET /_up", false, missing)));
            return hops;
        }
        var couchdb = new CouchDbThroughProxy(api, instance.Namespace, admin);
        hops.Add(UpHop("haproxy", "haproxy", await couchdb.GetAsync("haproxy", CouchDbUp.Path, cancellationToken).ConfigureAwait(false)));
        foreach (var node in nodes)
            hops.Add(UpHop($"couchdb {node}", node, await couchdb.GetAsync(node, CouchDbUp.Path, cancellationToken).ConfigureAwait(false)));
        return hops;
    }

    /// <summary>A CouchDB hop: the proxy's reason when it did not get through, else what <c>/_up</c> itself said.</summary>
    private static ChainHop UpHop(string hop, string service, ProxyAnswer answer)
    {
        if (!answer.Ok)
            return Hop(hop, service, CouchDbThroughProxy.Port, "/_up", answer);
        var up = CouchDbUp.Read((int)answer.Status, answer.Body);
        return new(hop, $"{service}:{CouchDbThroughProxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "GET /_up", up.IsUp, up.IsUp ? null : up.Reason);
    }

    private static ChainHop Hop(string hop, string service, int port, string path, ProxyAnswer answer) =>
        new(hop, $"{service}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}", $"GET {path}", answer.Ok, answer.Ok ? null : answer.Reason);
}
