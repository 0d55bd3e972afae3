namespace Chtctl.Core.Topology;

/// <summary>A volume mounted into a component.</summary>
public sealed record Mount(Volume Volume, string Path, bool ReadOnly = false)
{
    /// <summary>
    /// A <see cref="Path"/> meaning "at the same path as its source on the host": for a process that hands
    /// host paths to the engine (bind-mount sources, the project directory) and must find them inside too.
    /// </summary>
    public const string AtSourcePath = "";
}

/// <summary>What a mount holds; each target decides how to provide it.</summary>
public abstract record Volume
{
    /// <summary>
    /// Part of a CouchDB node's storage. On Kubernetes all parts share one volume per node (subPaths);
    /// on Compose data is a host directory and the config a named volume.
    /// </summary>
    public sealed record CouchDbStorage(int Node, CouchDbStoragePart Part) : Volume;

    /// <summary>A configuration file chtctl renders (<c>haproxy.cfg</c>, <c>nginx.conf</c>): a project file or a ConfigMap key.</summary>
    public sealed record ConfigFile(string FileName) : Volume;

    /// <summary>A directory of rendered files (nginx error pages).</summary>
    public sealed record ConfigDirectory(string DirectoryName) : Volume;

    /// <summary>TLS certificate and key for the edge.</summary>
    public sealed record Certificates : Volume;

    /// <summary>ACME HTTP-01 challenge files served by the edge.</summary>
    public sealed record AcmeChallenges : Volume;

    /// <summary>The Docker engine socket (Compose only: the upgrade service drives the engine).</summary>
    public sealed record DockerSocket : Volume;

    /// <summary>The instance home (Compose only: the upgrade service runs the driver on it, so it is mounted at its host path).</summary>
    public sealed record InstanceHome : Volume;
}

public enum CouchDbStoragePart
{
    /// <summary><c>/opt/couchdb/data</c>: databases, shards, views.</summary>
    Data,
    /// <summary><c>/opt/couchdb/etc/local.d</c>: the node's persisted admin, secret and uuid.</summary>
    Config,
    /// <summary><c>/data/nouveau</c>: 5.x search indexes.</summary>
    Nouveau,
}
