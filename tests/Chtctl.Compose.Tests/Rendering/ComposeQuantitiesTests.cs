using Chtctl.Compose.Rendering;
using Chtctl.Core.Rendering.Yaml;

namespace Chtctl.Compose.Tests.Rendering;

public sealed class ComposeQuantitiesTests
{
    [Theory]
    [InlineData("512Mi", "512m")]
    [InlineData("4Gi", "4g")]
    [InlineData("64Ki", "64k")]
    [InlineData("2Ti", "2048g")]
    public void Binary_memory_quantities_keep_their_size_in_dockers_binary_units(string quantity, string expected) =>
        Assert.Equal(new YamlScalar.Str(expected), ComposeQuantities.Memory(quantity));

    [Theory]
    [InlineData("1500M", 1_500_000_000)]
    [InlineData("2G", 2_000_000_000)]
    [InlineData("1048576", 1_048_576)]
    public void Decimal_memory_quantities_become_exact_byte_counts(string quantity, long bytes) =>
        Assert.Equal(new YamlScalar.Int(bytes), ComposeQuantities.Memory(quantity));

    [Theory]
    [InlineData("500m", "0.5")]
    [InlineData("2", "2")]
    [InlineData("1.5", "1.5")]
    [InlineData("250m", "0.25")]
    public void Cpu_limits_become_compose_cpus(string quantity, string cpus) =>
        Assert.Equal(new YamlScalar.Number(cpus), ComposeQuantities.Cpus(quantity));

    [Theory]
    [InlineData("1", 1024)]
    [InlineData("500m", 512)]
    [InlineData("1m", 2)]
    public void Cpu_requests_become_the_same_relative_weight_kubernetes_gives_them(string quantity, long shares) =>
        Assert.Equal(new YamlScalar.Int(shares), ComposeQuantities.CpuShares(quantity));
}
