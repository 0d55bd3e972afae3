using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Chtctl.CouchDb.Membership;

/// <summary>
/// One node's answer to <c>GET /_membership</c>. <see cref="ClusterNodes"/> are the members configured in the
/// cluster (CouchDB's <c>_nodes</c> database: they stay listed while a member is dead); <see cref="AllNodes"/> are
/// the nodes this one is connected to right now, itself included (Erlang's <c>[node() | nodes()]</c>: a dead or
/// unreachable peer drops out within seconds, a paused one only after 60–75 s).
/// </summary>
public sealed record CouchDbMembership(IReadOnlyList<string> ClusterNodes, IReadOnlyList<string> AllNodes)
{
    /// <summary>The path, relative to a node's base address.</summary>
    public const string Path = "_membership";

    /// <summary>
    /// Reads a <c>/_membership</c> body. Never throws on what a server sent: anything that is not an object with
    /// <c>cluster_nodes</c> and <c>all_nodes</c> lists of names gives false and a short <paramref name="problem"/>.
    /// </summary>
    public static bool TryParse(string body, [NotNullWhen(true)] out CouchDbMembership? membership, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(body);
        membership = null;
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            problem = "not JSON";
            return false;
        }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "not a JSON object";
                return false;
            }
            if (Names(json.RootElement, "cluster_nodes", out var cluster, out problem) && Names(json.RootElement, "all_nodes", out var all, out problem))
            {
                membership = new CouchDbMembership(cluster, all);
                return true;
            }
            return false;
        }
    }

    private static bool Names(JsonElement root, string property, [NotNullWhen(true)] out string[]? names, [NotNullWhen(false)] out string? problem)
    {
        names = null;
        if (!root.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            problem = $"no {property} list";
            return false;
        }
        var found = new List<string>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                problem = $"{property} holds {item.ValueKind.ToString().ToLowerInvariant()}, not a node name";
                return false;
            }
            if (item.GetString() is not { Length: > 0 } name)
            {
                problem = $"{property} holds an empty node name";
                return false;
            }
            found.Add(name);
        }
        names = [.. found];
        problem = null;
        return true;
    }
}
