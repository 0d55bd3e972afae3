using Chtctl.Core.Versions;
using Chtctl.Services.UpgradeService;

namespace Chtctl.Services.Tests.UpgradeService;

public sealed class UpgradeServiceOptionsTests
{
    private const string InstanceFile = """
        apiVersion: chtctl/v1
        name: clinic-a
        cht:
          version: 4.22.0
          registry: registry.example.org/medic
        """;

    private static Func<string, string?> Env(params (string Key, string Value)[] pairs) =>
        key => pairs.FirstOrDefault(p => p.Key == key).Value;

    [Fact]
    public void Registry_and_pinned_version_come_from_the_mounted_instance_file()
    {
        var (options, errors) = UpgradeServiceOptions.FromEnvironment(Env(("CHTCTL_INSTANCE", "clinic-a")),
            path => path == "/instance/instance.yaml" ? InstanceFile : null);

        Assert.Empty(errors);
        Assert.Equal("registry.example.org/medic", options!.Registry);
        Assert.Equal(new ChtVersion(4, 22, 0), options.PinnedVersion);
        Assert.Equal(5008, options.Port);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var (options, errors) = UpgradeServiceOptions.FromEnvironment(Env(("UPGRADE_SERVICE_PORT", "x")), _ => null);

        Assert.Null(options);
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("CHTCTL_INSTANCE", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("UPGRADE_SERVICE_PORT", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/instance/instance.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_for_another_instance_is_refused()
    {
        var (_, errors) = UpgradeServiceOptions.FromEnvironment(Env(("CHTCTL_INSTANCE", "clinic-b")), _ => InstanceFile);

        Assert.Contains(errors, e => e.Contains("describes instance 'clinic-a'", StringComparison.Ordinal));
    }
}
