using Chtctl.Core.Spec;

namespace Chtctl.Compose.Layout;

/// <summary>
/// Where a Compose instance keeps its state on the host. One directory per instance, so a backup of the
/// home (plus the data directory when it lives elsewhere) is a backup of the instance:
/// <code>
/// &lt;home&gt;/                      compose.home, default /srv/chtctl/&lt;name&gt;
///   secrets.env                 CouchDB credentials (0600), the source of truth for .env
///   instance.yaml               the instance as last brought up (the upgrade service reads and updates it)
///   project/                    the rendered Compose project; `docker compose` runs here
///     docker-compose.yml
///     .env                      0600: COMPOSE_PROJECT_NAME, COUCHDB_USER and the secrets
///     haproxy/haproxy.cfg
///     nginx/nginx.conf
///     nginx/error-pages/&lt;code&gt;.json|.html
///   certs/cert.pem, key.pem     the edge certificate (nginx reads /etc/nginx/private)
///   acme/.well-known/acme-challenge/   ACME HTTP-01 webroot served by nginx on port 80
///   history/                    records of applied changes (driver)
///   chtctl.lock                 held while a run changes the instance (driver)
///   data/                       compose.dataDir, default &lt;home&gt;/data: CouchDB data
///     (single node)             the node's data itself, nouveau/ for 5.x search indexes
///     (cluster)                 couchdb-N/ and nouveau-N/ per node
/// </code>
/// Every path is absolute: the upgrade service runs Compose from inside a container, where a relative
/// bind-mount source would resolve against the wrong directory.
/// </summary>
public sealed record InstanceHomeLayout
{
    public const string DefaultHomeRoot = "/srv/chtctl";

    private InstanceHomeLayout(string home, string dataDir)
    {
        Home = home;
        DataDir = dataDir;
    }

    public string Home { get; }

    public string DataDir { get; }

    /// <summary>The rendered Compose project (the output of <c>ComposeRenderer</c>).</summary>
    public string Project => Home + "/project";

    public string SecretsFile => Home + "/secrets.env";

    /// <summary>
    /// The instance file as the driver last brought it up: the instance's recorded state, which the upgrade
    /// service (which sees the home at its host path) reads and moves to a new version.
    /// </summary>
    public string InstanceFile => Home + "/instance.yaml";

    public string Certificates => Home + "/certs";

    public string AcmeWebRoot => Home + "/acme";

    public string History => Home + "/history";

    public string LockFile => Home + "/chtctl.lock";

    public static InstanceHomeLayout For(InstanceSpec spec)
    {
        var home = Normalize(spec.Compose.Home ?? $"{DefaultHomeRoot}/{spec.Name}");
        return new InstanceHomeLayout(home, Normalize(spec.Compose.DataDir ?? home + "/data"));
    }

    /// <summary>A path inside the rendered project, for bind mounts of rendered files.</summary>
    public string ProjectFile(string relativePath) => Project + "/" + relativePath;

    /// <summary>
    /// A CouchDB node's data directory. A single node uses the data directory itself, as upstream's
    /// <c>COUCHDB_DATA</c> does, so an existing upstream data directory can be used as it is.
    /// </summary>
    public string CouchDbData(int node, bool clustered) => clustered ? $"{DataDir}/couchdb-{node}" : DataDir;

    /// <summary>A node's nouveau indexes: <c>&lt;data&gt;/nouveau</c> as upstream 5.x, or <c>nouveau-N</c> beside <c>couchdb-N</c>.</summary>
    public string NouveauData(int node, bool clustered) => clustered ? $"{DataDir}/nouveau-{node}" : $"{DataDir}/nouveau";

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
