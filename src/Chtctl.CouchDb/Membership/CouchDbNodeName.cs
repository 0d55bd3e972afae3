namespace Chtctl.CouchDb.Membership;

/// <summary>
/// CouchDB's Erlang node names, as <c>/_membership</c> lists them: <c>couchdb@&lt;host&gt;</c>. In a cluster Medic's
/// image names a node after its <c>SVC_NAME</c> (<c>couchdb-1.local</c> on Compose,
/// <c>couchdb-1.&lt;ns&gt;.svc.cluster.local</c> on Kubernetes); a single node keeps <c>couchdb@127.0.0.1</c>, which is
/// why nothing reads a single node's membership.
/// </summary>
public static class CouchDbNodeName
{
    private const string Prefix = "couchdb@";

    /// <summary>The node name CouchDB gives the node known by <paramref name="host"/>.</summary>
    public static string For(string host)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        return Prefix + host;
    }

    /// <summary>The host part of a node name (after the <c>@</c>); the whole text when it has no <c>@</c>.</summary>
    public static string HostOf(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        return nodeName[(nodeName.IndexOf('@', StringComparison.Ordinal) + 1)..];
    }

    /// <summary>
    /// The member name of a host or node name: the first DNS label of its host (<c>couchdb@couchdb-1.local</c> →
    /// <c>couchdb-1</c>). It is what the Compose service, the Kubernetes Service and HAProxy's server call the node.
    /// </summary>
    public static string MemberOf(string hostOrNodeName) => HostOf(hostOrNodeName).Split('.', 2)[0];

    /// <summary>
    /// Whether <paramref name="nodeName"/> is the CouchDB node <paramref name="hostOrMember"/>: a <c>couchdb@</c> name
    /// whose host is the dotted host given (an installer knows the exact names it configured), or whose host's first
    /// label is the bare member name given (<c>couchdb-2</c>, all the health agent knows from HAProxy).
    /// </summary>
    public static bool Is(string nodeName, string hostOrMember)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        ArgumentNullException.ThrowIfNull(hostOrMember);
        if (!nodeName.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var host = nodeName[Prefix.Length..];
        return string.Equals(host, hostOrMember, StringComparison.Ordinal)
            || string.Equals(MemberOf(host), hostOrMember, StringComparison.Ordinal);
    }
}
