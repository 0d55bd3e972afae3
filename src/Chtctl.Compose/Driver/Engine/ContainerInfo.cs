namespace Chtctl.Compose.Driver.Engine;

/// <summary>What the engine says about one container of an instance (from <c>GET /containers/{id}/json</c>).</summary>
public sealed record ContainerInfo(
    string Id,
    string Name,
    string Service,
    string State,
    string? Health,
    string Image,
    string ImageId,
    DateTimeOffset? StartedAt,
    int RestartCount,
    int? ExitCode,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> NetworkAddresses,
    IReadOnlyList<int> PublishedPorts)
{
    public bool Running => State == "running";

    /// <summary>Running and, when the image or Compose defines a healthcheck, reported healthy.</summary>
    public bool Healthy => Running && (Health is null || Health == "healthy");

    /// <summary>The container's address on the given network, or any address when the network is not found.</summary>
    public string? AddressOn(string network) =>
        NetworkAddresses.TryGetValue(network, out var ip) && ip.Length > 0 ? ip : NetworkAddresses.Values.FirstOrDefault(a => a.Length > 0);
}
