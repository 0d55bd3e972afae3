namespace Chtctl.Core.Versions;

/// <summary>
/// Turns <c>cht.version</c> into an exact release with its images: from the builds server when one is
/// given and reachable, else by the offline rule. A pinned version (from the instance state) wins over
/// lines and <c>latest</c>, so an instance never moves release without an explicit upgrade.
/// </summary>
public sealed class ReleaseCatalogue(string registry, IReleaseSource? online = null)
{
    public async Task<ChtRelease> ResolveAsync(VersionRequest request, ChtVersion? pinned, CancellationToken cancellationToken)
    {
        var version = request switch
        {
            VersionRequest.Exact exact => exact.Version,
            _ when pinned is { } p && Matches(request, p) => p,
            VersionRequest.Line line => await NewestAsync(line.Major, cancellationToken).ConfigureAwait(false),
            _ => await NewestAsync(null, cancellationToken).ConfigureAwait(false),
        };

        if (VersionLine.For(version.Major) is null)
            throw new ReleaseNotFoundException($"CHT {version} is not supported: chtctl hosts CHT 4.x and 5.x");

        if (online is null)
            return ChtRelease.FromRule(version, registry);
        return await online.FindAsync(version, cancellationToken).ConfigureAwait(false)
            ?? throw new ReleaseNotFoundException($"CHT {version} does not exist on the builds server; check cht.version against the releases it lists");
    }

    /// <summary>Offline resolution: pure, for render and validate.</summary>
    public ChtRelease Resolve(VersionRequest request, ChtVersion? pinned) =>
        ResolveAsync(request, pinned, CancellationToken.None).GetAwaiter().GetResult();

    private static bool Matches(VersionRequest request, ChtVersion version) =>
        request is VersionRequest.Latest || (request is VersionRequest.Line line && line.Major == version.Major);

    private async Task<ChtVersion> NewestAsync(int? major, CancellationToken cancellationToken)
    {
        if (online is not null && await online.NewestAsync(major, cancellationToken).ConfigureAwait(false) is { } found)
            return found;
        if (major is null)
            return KnownReleases.Newest;
        return KnownReleases.NewestByLine.TryGetValue(major.Value, out var known)
            ? known
            : throw new ReleaseNotFoundException($"no CHT {major}.x release is known");
    }
}
