using System.Text.Json;

namespace Chtctl.CouchDb.Protocol;

/// <summary>
/// CouchDB's health endpoint, <c>GET /_up</c> (CouchDB 2.0 and later; every CHT 4.x and 5.x release ships 3.x). With
/// CHT's settings it needs the admin credentials like every other path. It answers 200
/// <c>{"status":"ok","seeds":{}}</c> when the node takes requests, and 404 with <c>{"status":"maintenance_mode"}</c>,
/// <c>"nolb"</c> or <c>"seeding"</c> when it asks load balancers to keep away. It says nothing about the cluster: a
/// survivor of a dead peer still answers 200 (see <see cref="Membership.ClusterMembershipRule"/>).
/// </summary>
public static class CouchDbUp
{
    /// <summary>The path, relative to a node's base address.</summary>
    public const string Path = "_up";

    public static UpAnswer Read(int status, string? body)
    {
        var word = StatusWord(body);
        var state = status switch
        {
            200 when word == "ok" => UpState.Up,
            401 or 403 => UpState.CredentialsRefused,
            404 when word is not null => UpState.NotServing,
            _ => UpState.NotUp,
        };
        return new UpAnswer(status, state, word);
    }

    /// <summary>The <c>status</c> string of a JSON object body; null for anything else.</summary>
    private static string? StatusWord(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String
                    ? status.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
