namespace Chtctl.Core.Upgrades;

/// <summary>
/// What CouchDB occupies on disk, summed over databases: database files, view index files, and how much
/// of each is live data (the rest is reclaimable by compaction). Read by the CouchDB sizes client.
/// </summary>
public sealed record DiskUsage(long DatabaseFileBytes, long DatabaseActiveBytes, long ViewFileBytes, long ViewActiveBytes)
{
    public long TotalFileBytes => DatabaseFileBytes + ViewFileBytes;

    /// <summary>Space compaction and view cleanup could give back now (file size minus live data).</summary>
    public long ReclaimableBytes => Math.Max(0, DatabaseFileBytes - DatabaseActiveBytes) + Math.Max(0, ViewFileBytes - ViewActiveBytes);
}
