namespace Chtctl.Core.Upgrades;

/// <summary>The outcome of <see cref="DiskEstimate.Check"/>: the figures, in bytes and for people, and what to do.</summary>
public sealed record DiskCheck(bool Fits, long RequiredBytes, long FreeBytes, string Summary, IReadOnlyList<string> Advice)
{
    public string Required => ByteSize.Format(RequiredBytes);

    public string Free => ByteSize.Format(FreeBytes);
}

/// <summary>
/// Peak extra disk an upgrade needs where CouchDB keeps its data, compared with what is free. Pure.
/// </summary>
/// <remarks>
/// Why views: staging an upgrade saves the new release's design documents as <c>_design/:staged:*</c> and
/// warms their indexes beside the old ones (cht-hosting.md §6, <c>indexStagedViews</c>); the old indexes go
/// only after api restarts and cleans up. So the peak is dominated by new view indexes being built while the old
/// ones still exist. Measured: view files grew 542% at peak in a 4.21→5.0 test (cht-core#10092), overall peak
/// disk reached about 500% of normal (cht-core#9982), and the requirements page warns some upgrades need
/// "up to 5x current space used by CouchDB" (https://docs.communityhealthtoolkit.org/hosting/cht/requirements/;
/// all in shared/reference/operators.md §1.1). Hence: extra ≈ view index files × <see cref="ViewFactor"/>,
/// plus headroom for database growth, compaction files and logs during the run.
/// </remarks>
public static class DiskEstimate
{
    /// <summary>5×, rounding up the measured 542% view growth (which includes the old indexes) to upstream's own figure.</summary>
    public const int ViewFactor = 5;

    /// <summary>Headroom: a tenth of what CouchDB uses now, at least 1 GiB (writes go on during the upgrade).</summary>
    public const int HeadroomPercent = 10;

    public const long MinimumHeadroomBytes = 1L << 30;

    public static long RequiredBytes(DiskUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var headroom = Math.Max(MinimumHeadroomBytes, usage.TotalFileBytes / 100 * HeadroomPercent);
        return checked((usage.ViewFileBytes * ViewFactor) + headroom);
    }

    public static DiskCheck Check(DiskUsage usage, long freeBytes)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var required = RequiredBytes(usage);
        var fits = freeBytes >= required;
        var summary = fits
            ? $"enough disk for the upgrade: needs up to {ByteSize.Format(required)} extra while views re-index, {ByteSize.Format(freeBytes)} free"
            : $"not enough disk for the upgrade: needs up to {ByteSize.Format(required)} extra while views re-index "
              + $"({ByteSize.Format(usage.ViewFileBytes)} of view indexes × {ViewFactor} + headroom), only {ByteSize.Format(freeBytes)} free";
        if (fits)
            return new DiskCheck(true, required, freeBytes, summary, []);

        var shortBy = required - freeBytes;
        var advice = new List<string>
        {
            $"free at least {ByteSize.Format(shortBy)} on the disk that holds CouchDB's data, or grow that volume by at least {ByteSize.Format(shortBy)}",
        };
        if (usage.ReclaimableBytes > 0)
        {
            advice.Add($"or compact first: about {ByteSize.Format(usage.ReclaimableBytes)} is reclaimable "
                + "(POST /{db}/_compact for each database, then POST /{db}/_view_cleanup to drop unused view indexes)");
        }

        return new DiskCheck(false, required, freeBytes, summary, advice);
    }
}
