using Chtctl.Core.Spec;
using Chtctl.Core.Versions;
using Chtctl.CouchDb.Builds;

namespace Chtctl.Cli.Instances;

/// <summary>Resolves an instance's <c>cht.version</c> offline (the default for render) or on its builds server.</summary>
internal static class Releases
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public static Task<ChtRelease> ResolveAsync(InstanceSpec spec, bool online, CancellationToken cancellationToken)
    {
        if (!VersionRequest.TryParse(spec.Cht.Version, out var request))
            throw new ReleaseNotFoundException($"'{spec.Cht.Version}' is not a CHT version: expected {VersionRequest.Expected}");
        var source = online ? new BuildsServerReleaseSource(Http, spec.Cht.BuildsUrl) : null;
        return new ReleaseCatalogue(spec.Cht.Registry, source).ResolveAsync(request, pinned: null, cancellationToken);
    }
}
