using Chtctl.Compose.Layout;
using Chtctl.Core.Topology;

namespace Chtctl.Compose.Rendering;

/// <summary>
/// Where each mount of the topology comes from on a Compose host. CouchDB data and nouveau indexes are
/// host directories (visible, easy to back up, as upstream); each node's <c>local.d</c> is a named volume
/// because only the CouchDB entrypoint writes it. Everything else is a bind mount from the instance home.
/// </summary>
internal sealed class ServiceVolumes(InstanceTopology topology, InstanceHomeLayout layout)
{
    // The engine's socket on the host: the standard path unless the driver runs Compose against another one
    // (a rootless engine, a private test engine); set from DOCKER_HOST by the driver, never stored.
    public const string DockerSocket = "${" + EngineSocketVariable + ":-/var/run/docker.sock}";

    /// <summary>The Compose variable naming the host path of the Docker socket the upgrade service drives.</summary>
    public const string EngineSocketVariable = "CHTCTL_DOCKER_SOCKET";

    /// <summary>Named volumes the services use, by key, with the name Docker gives them.</summary>
    public SortedDictionary<string, string> Named { get; } = new(StringComparer.Ordinal);

    /// <summary>The short-syntax entry (<c>source:target[:ro]</c>) for one mount.</summary>
    public string Entry(Mount mount)
    {
        var source = mount.Volume switch
        {
            Volume.CouchDbStorage { Part: CouchDbStoragePart.Config } s => NamedVolume(ConfigVolumeKey(s.Node)),
            Volume.CouchDbStorage { Part: CouchDbStoragePart.Data } s => HostPath(layout.CouchDbData(s.Node, topology.IsClustered)),
            Volume.CouchDbStorage { Part: CouchDbStoragePart.Nouveau } s => HostPath(layout.NouveauData(s.Node, topology.IsClustered)),
            Volume.ConfigFile or Volume.ConfigDirectory => HostPath(layout.ProjectFile(ProjectFiles.For(mount.Volume))),
            Volume.Certificates => HostPath(layout.Certificates),
            Volume.AcmeChallenges => HostPath(layout.AcmeWebRoot),
            Volume.DockerSocket => DockerSocket,
            Volume.InstanceHome => HostPath(layout.Home),
            _ => throw new InvalidOperationException($"no Compose source for {mount.Volume}"),
        };
        // Short syntax on purpose: unlike the long form, both Compose versions create a missing host
        // directory instead of failing, so a fresh data directory needs no preparation.
        var target = mount.Path == Mount.AtSourcePath ? source : mount.Path;
        return $"{source}:{target}" + (mount.ReadOnly ? ":ro" : "");
    }

    /// <summary>The key of a node's <c>local.d</c> volume: named after the node's service.</summary>
    private string ConfigVolumeKey(int node) =>
        topology.Components.Single(c => c.Role == ComponentRole.CouchDb && c.CouchDbNode == node).Name + "-config";

    private string NamedVolume(string key)
    {
        // An explicit name, prefixed with the instance: `docker volume ls` shows whose it is, and the
        // volume is found again however Compose is invoked (v1 and v2 build default names differently).
        Named[key] = $"{topology.Name}-{key}";
        return key;
    }

    private static string HostPath(string path)
    {
        if (!path.StartsWith('/') || path.Contains(':', StringComparison.Ordinal))
            throw new InvalidOperationException($"host path '{path}' cannot be bind-mounted by Compose: it must be absolute and contain no ':'");
        return Interpolation.Literal(path);
    }
}
