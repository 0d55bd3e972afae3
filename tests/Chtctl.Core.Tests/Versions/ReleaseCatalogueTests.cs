using Chtctl.Core.Versions;

namespace Chtctl.Core.Tests.Versions;

public sealed class ReleaseCatalogueTests
{
    private sealed class FakeBuildsServer(params string[] releases) : IReleaseSource
    {
        public Task<ChtVersion?> NewestAsync(int? major, CancellationToken cancellationToken) =>
            Task.FromResult(releases.Select(ChtVersion.Parse).Where(v => major is null || v.Major == major).Cast<ChtVersion?>().Max());

        public Task<ChtRelease?> FindAsync(ChtVersion version, CancellationToken cancellationToken) =>
            Task.FromResult(releases.Contains(version.ToString())
                ? new ChtRelease(version, new Dictionary<string, string> { ["api"] = $"mirror.example.org/cht-api:{version}" }, ReleaseSource.BuildsServer)
                : null);
    }

    [Fact]
    public void Offline_images_follow_medics_naming_rule()
    {
        var release = new ReleaseCatalogue("public.ecr.aws/medic").Resolve(new VersionRequest.Exact(new ChtVersion(4, 22, 0)), null);

        Assert.Equal("public.ecr.aws/medic/cht-api:4.22.0", release.ImageOf("api"));
        Assert.Equal("public.ecr.aws/medic/cht-couchdb:4.22.0", release.ImageOf("couchdb"));
        Assert.False(release.Images.ContainsKey("couchdb-nouveau"));
        Assert.Equal(ReleaseSource.OfflineRule, release.Source);
    }

    [Fact]
    public void A_5x_release_brings_nouveau()
    {
        var release = new ReleaseCatalogue("r.example.org/medic").Resolve(new VersionRequest.Exact(new ChtVersion(5, 0, 0)), null);
        Assert.Equal("r.example.org/medic/cht-couchdb-nouveau:5.0.0", release.ImageOf("couchdb-nouveau"));
    }

    [Fact]
    public void A_pinned_version_wins_over_a_line_so_an_instance_never_moves_by_itself()
    {
        var catalogue = new ReleaseCatalogue("r", new FakeBuildsServer("4.21.0", "4.22.0"));
        var release = catalogue.Resolve(new VersionRequest.Line(4), pinned: new ChtVersion(4, 21, 0));
        Assert.Equal(new ChtVersion(4, 21, 0), release.Version);
    }

    [Fact]
    public async Task A_line_resolves_to_its_newest_release_on_the_builds_server()
    {
        var catalogue = new ReleaseCatalogue("r", new FakeBuildsServer("4.21.0", "4.22.0", "5.1.0"));
        var release = await catalogue.ResolveAsync(new VersionRequest.Line(4), null, CancellationToken.None);
        Assert.Equal(new ChtVersion(4, 22, 0), release.Version);
        Assert.Equal("mirror.example.org/cht-api:4.22.0", release.ImageOf("api"));
    }

    [Fact]
    public async Task A_version_missing_from_the_builds_server_is_refused_with_a_clear_message()
    {
        var catalogue = new ReleaseCatalogue("r", new FakeBuildsServer("4.22.0"));
        var error = await Assert.ThrowsAsync<ReleaseNotFoundException>(() =>
            catalogue.ResolveAsync(new VersionRequest.Exact(new ChtVersion(4, 99, 0)), null, CancellationToken.None));
        Assert.StartsWith("CHT 4.99.0 does not exist on the builds server", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4.22.0", true)]
    [InlineData("4.x", true)]
    [InlineData("latest", true)]
    [InlineData("4.22", false)]
    [InlineData("v4.22.0", false)]
    [InlineData("04.22.0", false)]
    [InlineData("4.22.0-beta", false)]
    public void Version_requests_parse_only_in_the_documented_forms(string text, bool valid)
    {
        Assert.Equal(valid, VersionRequest.TryParse(text, out _));
    }
}
