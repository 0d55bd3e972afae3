namespace Chtctl.CouchDb.Membership;

/// <summary>
/// The one reading of <c>/_membership</c> for an instance whose CouchDB has the configured <see cref="Members"/>.
/// Every consumer asks one of two questions of a node's own answer, with the same words meaning the same thing:
/// <list type="bullet">
/// <item>a node has <b>joined</b> when it is listed in <c>cluster_nodes</c>; it is <b>connected</b> when it is listed
/// in <c>all_nodes</c> (see <see cref="CouchDbMembership"/>);</item>
/// <item>a node name is matched to a member by <see cref="CouchDbNodeName.Is"/>: by its whole host when the member is
/// given as a host, by the host's first label when given as a bare member name.</item>
/// </list>
/// <see cref="IsComplete"/> — is the cluster formed, as this node sees it? — is what the Compose health gates and the
/// Kubernetes membership wait ask after an install or upgrade: the next step (api, sentinel) must start against the
/// whole cluster, so it waits until the configured members and only they have joined and this node is connected to
/// every one of them (CHT's own <c>verify_membership</c>: <c>all_nodes == cluster_nodes</c>, as many as
/// <c>NODE_COUNT</c>). <see cref="CanServe"/> — may HAProxy send requests to this node? — is what the per-node health
/// agent asks every second: when one node dies it drops out of every other node's <c>all_nodes</c> while
/// <c>cluster_nodes</c> keeps it, so a completeness test there would take every live node out of rotation with the dead
/// one (upstream's agent did, cht-core#9284). A live node keeps serving while it has joined a cluster of the configured
/// size and is connected to a majority of it; a node not yet added, or cut off with a minority, stays out.
/// A single node has no cluster to read (its node name is <c>couchdb@127.0.0.1</c>): see <see cref="NeedsMembership"/>.
/// </summary>
public sealed class ClusterMembershipRule
{
    private readonly string[] _members;

    /// <param name="members">One entry per configured CouchDB node: its host (<c>couchdb-1.local</c>) or its member name (<c>couchdb-1</c>).</param>
    public ClusterMembershipRule(IEnumerable<string> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        _members = [.. members.Distinct(StringComparer.Ordinal)];
        if (_members.Length == 0)
            throw new ArgumentException("an instance has at least one CouchDB node", nameof(members));
    }

    public IReadOnlyList<string> Members => _members;

    /// <summary>More than half of the configured members, this node included.</summary>
    public int Majority => (_members.Length / 2) + 1;

    /// <summary>
    /// Whether membership says anything: only in a cluster. A single node is judged by <c>/_up</c> alone, and its
    /// <c>/_membership</c> is not asked for.
    /// </summary>
    public bool NeedsMembership => _members.Length > 1;

    /// <summary>
    /// Every configured member has joined, no other node has, and this node is connected to exactly those members.
    /// A node started but not yet added lists only itself; a node whose peer died no longer lists that peer in
    /// <c>all_nodes</c>: both are incomplete.
    /// </summary>
    public MembershipVerdict IsComplete(CouchDbMembership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        var joined = Distinct(membership.ClusterNodes);
        var connected = Distinct(membership.AllNodes);
        if (joined.Count != _members.Length)
            return MembershipVerdict.No($"cluster_nodes lists {joined.Count} of {_members.Length} nodes ({string.Join(", ", joined)})");
        var absent = _members.Where(m => !joined.Any(n => CouchDbNodeName.Is(n, m))).ToArray();
        if (absent.Length > 0)
            return MembershipVerdict.No($"cluster_nodes lists {string.Join(", ", joined)}, without {string.Join(", ", absent)}");
        if (!connected.ToHashSet(StringComparer.Ordinal).SetEquals(joined))
            return MembershipVerdict.No($"connected to {connected.Count} of {_members.Length} members ({string.Join(", ", connected.Order(StringComparer.Ordinal))})");
        return MembershipVerdict.Yes;
    }

    /// <summary>
    /// <paramref name="self"/> (the node that gave this answer) has joined, the cluster has as many members as
    /// configured, and it is connected to a majority of them, itself included. One dead peer of three leaves the
    /// others serving; a node added to no cluster, or cut off from the majority, does not serve.
    /// </summary>
    public MembershipVerdict CanServe(CouchDbMembership membership, string self)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentException.ThrowIfNullOrEmpty(self);
        var joined = Distinct(membership.ClusterNodes);
        if (!joined.Any(n => CouchDbNodeName.Is(n, self)))
            return MembershipVerdict.No("not a cluster member");
        if (joined.Count != _members.Length)
            return MembershipVerdict.No($"cluster has {joined.Count} of {_members.Length} nodes");
        var connected = joined.Count(n => membership.AllNodes.Contains(n, StringComparer.Ordinal));
        if (connected < Majority)
            return MembershipVerdict.No($"connected to {connected} of {_members.Length} nodes");
        return MembershipVerdict.Yes;
    }

    private static List<string> Distinct(IEnumerable<string> names) => [.. names.Distinct(StringComparer.Ordinal)];
}
