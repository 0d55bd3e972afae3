using Chtctl.Core.Spec;
using Chtctl.Core.Versions;

namespace Chtctl.Core.Driving;

/// <summary>
/// Which release an instance runs, on every target: an exact <c>cht.version</c> is that release; a line
/// (<c>4.x</c>) or <c>latest</c> stays on the release the instance last ran successfully, so an instance never
/// moves release because chtctl learnt of a newer one. Only an exact version (an upgrade) moves it.
/// </summary>
public static class VersionPinning
{
    public static ChtRelease Resolve(InstanceSpec spec, IEnumerable<HistoryEntry> history, ChtVersion? requested = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var catalogue = new ReleaseCatalogue(spec.Cht.Registry);
        if (requested is { } exact)
            return catalogue.Resolve(new VersionRequest.Exact(exact), pinned: null);
        if (!VersionRequest.TryParse(spec.Cht.Version, out var request))
            throw new ReleaseNotFoundException($"'{spec.Cht.Version}' is not a CHT version: expected {VersionRequest.Expected}");
        var pinned = HistoryEntry.LastRunning(history) is { } last && ChtVersion.TryParse(last.ChtVersion, out var ran) ? ran : (ChtVersion?)null;
        return catalogue.Resolve(request, pinned);
    }
}
