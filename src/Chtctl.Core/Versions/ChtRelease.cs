using Chtctl.Core.Collections;

namespace Chtctl.Core.Versions;

/// <summary>An exact CHT release and the image of each of Medic's services in it.</summary>
public sealed record ChtRelease(ChtVersion Version, IReadOnlyDictionary<string, string> Images, ReleaseSource Source)
{
    /// <summary>Kept as an <see cref="EquatableDictionary{TKey, TValue}"/>, so releases (and topologies) compare by content.</summary>
    public IReadOnlyDictionary<string, string> Images { get; init => field = EquatableDictionary<string, string>.From(value); } = EquatableDictionary<string, string>.From(Images);

    public VersionLine Line => VersionLine.For(Version);

    /// <summary>Image of a Medic service (<c>api</c>, <c>sentinel</c>, <c>couchdb</c>, <c>couchdb-nouveau</c>).</summary>
    public string ImageOf(string service) =>
        Images.TryGetValue(service, out var image) ? image : throw new KeyNotFoundException($"CHT {Version} has no image for '{service}'");

    /// <summary>The offline rule: <c>&lt;registry&gt;/cht-&lt;service&gt;:&lt;version&gt;</c>.</summary>
    public static ChtRelease FromRule(ChtVersion version, string registry)
    {
        var images = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in VersionLine.For(version).MedicServices)
            images[service] = $"{registry}/cht-{service}:{version}";
        return new ChtRelease(version, images, ReleaseSource.OfflineRule);
    }
}

public enum ReleaseSource
{
    /// <summary>Image names follow Medic's naming rule; the builds server was not asked.</summary>
    OfflineRule,
    /// <summary>Image names come from the release's staging document on the builds server.</summary>
    BuildsServer,
}
