namespace Chtctl.Compose.Driver;

/// <summary>What the Compose driver needs to know of where it runs; per-run choices come in each request.</summary>
public sealed record ComposeDriverSettings
{
    public required string ChtctlVersion { get; init; }

    /// <summary>Where the edge gate asks nginx (<c>host:port</c>); null for the published HTTPS port on this host.</summary>
    public string? EdgeEndpoint { get; init; }

    /// <summary>How often the health gates are asked while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
