using Chtctl.Core.Upgrades;

namespace Chtctl.Core.Tests.Upgrades;

public sealed class DiskEstimateTests
{
    private const long GiB = 1L << 30;

    [Theory]
    // views × 5 + max(1 GiB, 10% of all CouchDB files)
    [InlineData(0, 0, 1 * GiB)]
    [InlineData(1 * GiB, 2 * GiB, (10 * GiB) + GiB)]
    [InlineData(40 * GiB, 60 * GiB, (300 * GiB) + (10 * GiB))]
    public void Required_space_is_view_indexes_times_five_plus_headroom(long databaseBytes, long viewBytes, long required) =>
        Assert.Equal(required, DiskEstimate.RequiredBytes(new DiskUsage(databaseBytes, databaseBytes, viewBytes, viewBytes)));

    [Theory]
    [InlineData(20 * GiB, true)]
    [InlineData(11 * GiB, true)]
    [InlineData((11 * GiB) - 1, false)]
    [InlineData(3 * GiB, false)]
    public void Fits_when_free_space_covers_the_peak(long free, bool fits)
    {
        var check = DiskEstimate.Check(new DiskUsage(1 * GiB, 1 * GiB, 2 * GiB, 2 * GiB), free);

        Assert.Equal(fits, check.Fits);
        Assert.Equal(11 * GiB, check.RequiredBytes);
        Assert.Equal(fits, check.Advice.Count == 0);
    }

    [Fact]
    public void Not_fitting_shows_both_figures_in_human_units_and_how_much_to_free()
    {
        var check = DiskEstimate.Check(new DiskUsage(10 * GiB, 10 * GiB, 8 * GiB, 8 * GiB), 12 * GiB);

        Assert.False(check.Fits);
        Assert.Equal("41.8 GiB", check.Required);
        Assert.Equal("12.0 GiB", check.Free);
        Assert.Contains("needs up to 41.8 GiB extra", check.Summary, StringComparison.Ordinal);
        Assert.Contains("only 12.0 GiB free", check.Summary, StringComparison.Ordinal);
        Assert.Contains("free at least 29.8 GiB", check.Advice[0], StringComparison.Ordinal);
        Assert.Single(check.Advice);
    }

    [Fact]
    public void Reclaimable_space_brings_compaction_advice()
    {
        var check = DiskEstimate.Check(new DiskUsage(10 * GiB, 4 * GiB, 8 * GiB, 6 * GiB), 1 * GiB);

        Assert.Contains(check.Advice, a => a.Contains("about 8.0 GiB is reclaimable", StringComparison.Ordinal)
            && a.Contains("/_compact", StringComparison.Ordinal) && a.Contains("/_view_cleanup", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(5L * 1024 * 1024 * 1024 * 1024, "5.0 TiB")]
    public void Byte_sizes_read_like_df(long bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));
}
