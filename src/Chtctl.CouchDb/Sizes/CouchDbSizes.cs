using Chtctl.Core.Upgrades;

namespace Chtctl.CouchDb.Sizes;

/// <summary>One design document's view index: <c>view_index.sizes</c> from <c>GET /{db}/_design/{ddoc}/_info</c>.</summary>
public sealed record ViewIndexSize(string DesignDocument, long FileBytes, long ActiveBytes);

/// <summary>One database: <c>sizes</c> from <c>GET /{db}</c>, and its design documents' view indexes.</summary>
public sealed record DatabaseSize(string Name, long FileBytes, long ActiveBytes, long ExternalBytes, IReadOnlyList<ViewIndexSize> Views)
{
    public long ViewFileBytes => Views.Sum(v => v.FileBytes);

    public long ViewActiveBytes => Views.Sum(v => v.ActiveBytes);
}

/// <summary>Every database CouchDB lists, sorted by name, with the totals <see cref="DiskEstimate"/> works from.</summary>
public sealed record CouchDbSizes(IReadOnlyList<DatabaseSize> Databases)
{
    /// <summary>Requests whose answer had no sizes, counted as 0 (only when the client tolerates that).</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    public DiskUsage ToUsage() => new(
        Databases.Sum(d => d.FileBytes),
        Databases.Sum(d => d.ActiveBytes),
        Databases.Sum(d => d.ViewFileBytes),
        Databases.Sum(d => d.ViewActiveBytes));
}
