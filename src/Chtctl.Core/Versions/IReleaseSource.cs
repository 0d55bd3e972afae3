namespace Chtctl.Core.Versions;

/// <summary>Where releases are looked up: the builds server, or nothing (offline).</summary>
public interface IReleaseSource
{
    /// <summary>Newest release of a major line (or of all lines when null), or null when unknown.</summary>
    Task<ChtVersion?> NewestAsync(int? major, CancellationToken cancellationToken);

    /// <summary>The release's images from its staging document, or null when the release does not exist.</summary>
    Task<ChtRelease?> FindAsync(ChtVersion version, CancellationToken cancellationToken);
}

/// <summary>Raised when a requested release is not on the builds server.</summary>
public sealed class ReleaseNotFoundException(string message) : Exception(message);
