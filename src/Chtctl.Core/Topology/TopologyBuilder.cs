using Chtctl.Core.Secrets;
using Chtctl.Core.Spec;
using Chtctl.Core.Versions;

namespace Chtctl.Core.Topology;

/// <summary>
/// Builds the target-neutral topology of a validated spec and a resolved release. Pure: the same inputs
/// give an equal topology. Names follow Medic's so CHT's upgrade payload and operators' habits keep working.
/// </summary>
public static class TopologyBuilder
{
    public const string HaproxyConfigFile = "haproxy.cfg";
    public const string NginxConfigFile = "nginx.conf";
    public const string ErrorPagesDirectory = "error-pages";

    /// <summary>HAProxy answers this path itself: 200 while at least one CouchDB backend is up.</summary>
    public const string HaproxyHealthPath = "/haproxy-health";

    /// <summary>nginx answers this path on port 80 for its own health check.</summary>
    public const string EdgeHealthPath = "/.chtctl/health";

    /// <summary>The Kubernetes namespace an instance lives in: <c>kubernetes.namespace</c>, else its name.</summary>
    public static string NamespaceOf(InstanceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kubernetes.Namespace ?? spec.Name;
    }

    public static InstanceTopology Build(InstanceSpec spec, ChtRelease release)
    {
        var ns = NamespaceOf(spec);
        var naming = new Naming(spec, ns);
        var nodes = spec.Couchdb.Nodes;
        var hosts = Enumerable.Range(1, nodes).Select(naming.CouchDbHost).ToArray();

        var components = new List<Component>();
        for (var n = 1; n <= nodes; n++)
        {
            components.Add(CouchDb(spec, release, naming, n, hosts));
            if (release.Line.HasNouveau)
                components.Add(Nouveau(spec, release, naming, n));
        }

        components.Add(HealthAgent(spec, hosts));
        components.Add(Haproxy(spec));
        components.Add(Api(spec, release));
        components.Add(Sentinel(spec, release));
        components.Add(UpgradeService(spec));
        if (spec.Target == DeploymentTarget.Compose)
            components.Add(Nginx(spec));

        var tls = spec.Tls.EffectiveMode(spec.Target);
        var host = spec.Target == DeploymentTarget.Kubernetes ? spec.Kubernetes.Ingress.Host ?? spec.Tls.Host : spec.Tls.Host;
        return new InstanceTopology
        {
            Spec = spec,
            Release = release,
            Namespace = ns,
            Components = components.OrderBy(c => c.Wave).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray(),
            CouchDbHosts = hosts,
            Edge = new EdgeSettings(host, tls, spec.Compose.Ports.Http, spec.Compose.Ports.Https),
        };
    }

    private static Component CouchDb(InstanceSpec spec, ChtRelease release, Naming naming, int n, string[] hosts)
    {
        var clustered = hosts.Length > 1;
        var env = new List<EnvVar>
        {
            Text("COUCHDB_USER", spec.Couchdb.User),
            Secret(SecretKey.CouchDbPassword),
            Secret(SecretKey.CouchDbSecret),
            Secret(SecretKey.CouchDbUuid),
            Text("SVC_NAME", hosts[n - 1]),
            Text("COUCHDB_LOG_LEVEL", Parsing.SpecNaming.EnumValueOf(spec.Couchdb.LogLevel)),
        };
        if (clustered)
        {
            env.Add(Text("NODE_COUNT", hosts.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            env.Add(n == 1 ? Text("CLUSTER_PEER_IPS", string.Join(",", hosts.Skip(1))) : Text("COUCHDB_SYNC_ADMINS_NODE", hosts[0]));
            env.Add(Secret(SecretKey.ErlangCookie));
        }

        if (release.Line.HasNouveau)
            env.Add(Text("NOUVEAU_URL", $"http://{naming.NodeName("nouveau", n)}:{VersionLine.NouveauPort}"));

        var ports = new List<PortSpec> { new("couchdb", Ports.CouchDb) };
        if (clustered)
        {
            ports.Add(new PortSpec("epmd", Ports.Epmd));
            ports.Add(new PortSpec("erlang", Ports.ErlangDistribution));
        }

        // Any node may be asked by haproxy and the agent; cluster peers talk to each other.
        var clients = new List<string> { "haproxy", "healthcheck" };
        if (clustered)
            clients.AddRange(Enumerable.Range(1, hosts.Length).Where(i => i != n).Select(i => naming.NodeName("couchdb", i)));

        const string up = $"curl -fsS -o /dev/null -u \"$COUCHDB_USER:$COUCHDB_PASSWORD\" http://127.0.0.1:5984/_up";
        var name = naming.NodeName("couchdb", n);
        return new Component
        {
            Name = name,
            ContainerName = "cht-" + name,
            Role = ComponentRole.CouchDb,
            Image = release.ImageOf("couchdb"),
            Env = env,
            Ports = ports,
            Mounts =
            [
                new Mount(new Volume.CouchDbStorage(n, CouchDbStoragePart.Data), "/opt/couchdb/data"),
                new Mount(new Volume.CouchDbStorage(n, CouchDbStoragePart.Config), "/opt/couchdb/etc/local.d"),
            ],
            Readiness = new Probe(new ProbeAction.Exec(["sh", "-c", up]), PeriodSeconds: 10, TimeoutSeconds: 5),
            // A node compacting or indexing a large database answers slowly; only a closed port means dead.
            Liveness = new Probe(new ProbeAction.TcpSocket(Ports.CouchDb), PeriodSeconds: 20, TimeoutSeconds: 5, FailureThreshold: 6, InitialDelaySeconds: 60),
            HealthCommand = ["CMD-SHELL", up],
            Resources = spec.Resources.Couchdb,
            Wave = Waves.CouchDb,
            Aliases = naming.CouchDbAliases(n, hosts),
            CouchDbNode = n,
            AllowedClients = clients,
        };
    }

    private static Component Nouveau(InstanceSpec spec, ChtRelease release, Naming naming, int n)
    {
        var name = naming.NodeName("nouveau", n);
        var check = $"curl -fsS -o /dev/null http://127.0.0.1:{VersionLine.NouveauPort}/";
        return new Component
        {
            Name = name,
            ContainerName = "cht-" + name,
            Role = ComponentRole.Nouveau,
            Image = release.ImageOf("couchdb-nouveau"),
            Ports = [new PortSpec("nouveau", VersionLine.NouveauPort)],
            Mounts = [new Mount(new Volume.CouchDbStorage(n, CouchDbStoragePart.Nouveau), "/data/nouveau")],
            Readiness = new Probe(new ProbeAction.TcpSocket(VersionLine.NouveauPort)),
            Liveness = new Probe(new ProbeAction.TcpSocket(VersionLine.NouveauPort), PeriodSeconds: 20, FailureThreshold: 6, InitialDelaySeconds: 60),
            HealthCommand = ["CMD-SHELL", check],
            Resources = spec.Resources.Nouveau,
            Wave = Waves.CouchDb,
            CouchDbNode = n,
            PodOf = naming.NodeName("couchdb", n),
            AllowedClients = [naming.NodeName("couchdb", n)],
        };
    }

    private static Component HealthAgent(InstanceSpec spec, string[] hosts) => new()
    {
        Name = "healthcheck",
        ContainerName = "cht-haproxy-healthcheck",
        Role = ComponentRole.HealthAgent,
        Image = spec.Images.Chtctl,
        Command = ["serve", "healthcheck"],
        Env =
        [
            Text("COUCHDB_SERVERS", string.Join(",", hosts)),
            Text("COUCHDB_USER", spec.Couchdb.User),
            Secret(SecretKey.CouchDbPassword),
            Text("HEALTHCHECK_PORT", Port(Ports.HealthAgent)),
            Text("HEALTHCHECK_METRICS_PORT", Port(Ports.HealthAgentMetrics)),
        ],
        Ports = [new PortSpec("agent", Ports.HealthAgent), new PortSpec("metrics", Ports.HealthAgentMetrics)],
        Readiness = new Probe(new ProbeAction.TcpSocket(Ports.HealthAgent), PeriodSeconds: 5),
        Liveness = new Probe(new ProbeAction.HttpGet("/healthz", Ports.HealthAgentMetrics), PeriodSeconds: 20),
        HealthCommand = ["CMD", "chtctl", "probe", $"tcp://127.0.0.1:{Ports.HealthAgent}"],
        Resources = spec.Resources.Healthcheck,
        Wave = Waves.Proxy,
        AllowedClients = ["haproxy"],
    };

    private static Component Haproxy(InstanceSpec spec)
    {
        // The stock image has bash but no curl: ask HAProxy's monitor URI over bash's /dev/tcp.
        var check = $"exec 3<>/dev/tcp/127.0.0.1/{Ports.Haproxy} && printf 'GET {HaproxyHealthPath} HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '";
        return new Component
        {
            Name = "haproxy",
            ContainerName = "cht-haproxy",
            Role = ComponentRole.Haproxy,
            Image = spec.Images.Haproxy,
            Command = ["haproxy", "-W", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"],
            Env = [Text("COUCHDB_USER", spec.Couchdb.User), Secret(SecretKey.CouchDbPassword)],
            Ports = [new PortSpec("couchdb", Ports.Haproxy)],
            Mounts = [new Mount(new Volume.ConfigFile(HaproxyConfigFile), "/usr/local/etc/haproxy/haproxy.cfg", ReadOnly: true)],
            Readiness = new Probe(new ProbeAction.HttpGet(HaproxyHealthPath, Ports.Haproxy), PeriodSeconds: 5),
            Liveness = new Probe(new ProbeAction.TcpSocket(Ports.Haproxy), PeriodSeconds: 20),
            HealthCommand = ["CMD", "bash", "-c", check],
            Resources = spec.Resources.Haproxy ?? new ResourceSpec { MemoryLimit = "1Gi" },
            Wave = Waves.Proxy,
            After = ["healthcheck"],
            AllowedClients = ["api", "sentinel"],
        };
    }

    private static Component Api(InstanceSpec spec, ChtRelease release)
    {
        var env = new List<EnvVar>
        {
            CouchUrl(spec),
            Text("BUILDS_URL", spec.Cht.BuildsUrl),
            Text("UPGRADE_SERVICE_URL", $"http://upgrade-service:{Ports.UpgradeService}"),
            Text("API_PORT", Port(Ports.Api)),
        };
        env.AddRange(ProductionMode(release.Line));
        return new Component
        {
            Name = "api",
            ContainerName = "cht-api",
            Role = ComponentRole.Api,
            Image = release.ImageOf("api"),
            Env = env,
            Ports = [new PortSpec("api", Ports.Api)],
            Readiness = new Probe(new ProbeAction.HttpGet("/setup/poll", Ports.Api), PeriodSeconds: 10, TimeoutSeconds: 5),
            // api may spend a long time migrating at start; it is only dead when its port is closed.
            Liveness = new Probe(new ProbeAction.TcpSocket(Ports.Api), PeriodSeconds: 20, FailureThreshold: 6, InitialDelaySeconds: 60),
            HealthCommand = ["CMD", "curl", "-fsS", "-o", "/dev/null", $"http://127.0.0.1:{Ports.Api}/setup/poll"],
            Resources = spec.Resources.Api,
            Wave = Waves.Api,
            AllowedClients = [Clients.PublicEdge, "sentinel"],
        };
    }

    private static Component Sentinel(InstanceSpec spec, ChtRelease release)
    {
        var env = new List<EnvVar> { CouchUrl(spec), Text("API_HOST", "api"), Text("API_PORT", Port(Ports.Api)) };
        env.AddRange(ProductionMode(release.Line));
        // sentinel listens on no port: it is ready when api answers it, alive while CouchDB is reachable through haproxy.
        var apiCheck = NodeHttpCheck($"http://api:{Ports.Api}/setup/poll");
        return new Component
        {
            Name = "sentinel",
            ContainerName = "cht-sentinel",
            Role = ComponentRole.Sentinel,
            Image = release.ImageOf("sentinel"),
            Env = env,
            Readiness = new Probe(new ProbeAction.Exec(["node", "-e", apiCheck]), PeriodSeconds: 10, TimeoutSeconds: 5),
            Liveness = new Probe(new ProbeAction.Exec(["node", "-e", NodeHttpCheck($"http://haproxy:{Ports.Haproxy}{HaproxyHealthPath}")]),
                PeriodSeconds: 30, TimeoutSeconds: 5, FailureThreshold: 6, InitialDelaySeconds: 60),
            HealthCommand = ["CMD", "node", "-e", apiCheck],
            Resources = spec.Resources.Sentinel,
            Wave = Waves.Workers,
        };
    }

    private static Component UpgradeService(InstanceSpec spec)
    {
        var compose = spec.Target == DeploymentTarget.Compose;
        // On Compose the service runs `chtctl upgrade` on the instance home from inside the instance: the home at
        // its host path keeps every path the driver hands the engine (bind-mount sources, project) valid inside and
        // out; the edge gate reaches nginx on the network, as the published port on the host's loopback is not there.
        var mounts = compose
            ? new[] { new Mount(new Volume.DockerSocket(), "/var/run/docker.sock"), new Mount(new Volume.InstanceHome(), Mount.AtSourcePath) }
            : [];
        var env = new List<EnvVar> { Text("CHTCTL_INSTANCE", spec.Name), Text("UPGRADE_SERVICE_PORT", Port(Ports.UpgradeService)) };
        if (compose)
        {
            env.Add(new EnvVar("CHTCTL_INSTANCE_FILE", new EnvValue.InstanceHomePath("instance.yaml")));
            env.Add(Text("CHTCTL_EDGE_ENDPOINT", $"nginx:{Ports.Https}"));
            env.Add(Text("DOCKER_HOST", "unix:///var/run/docker.sock"));
            env.Add(new EnvVar("CHTCTL_DOCKER_SOCKET", new EnvValue.EngineSocketPath()));
        }

        return new Component
        {
            Name = "upgrade-service",
            ContainerName = "upgrade-service",
            Role = ComponentRole.UpgradeService,
            Image = spec.Images.Chtctl,
            Command = ["serve", "upgrade-service"],
            Env = env,
            Ports = [new PortSpec("upgrade", Ports.UpgradeService)],
            Mounts = mounts,
            Readiness = new Probe(new ProbeAction.HttpGet("/", Ports.UpgradeService), PeriodSeconds: 10),
            Liveness = new Probe(new ProbeAction.HttpGet("/", Ports.UpgradeService), PeriodSeconds: 20, FailureThreshold: 6),
            HealthCommand = ["CMD", "chtctl", "probe", $"http://127.0.0.1:{Ports.UpgradeService}/"],
            Resources = spec.Resources.UpgradeService,
            Wave = Waves.Workers,
            // Needs nothing: it only reads the home and talks to the engine. Above all it must not be tied to api,
            // which an upgrade recreates: Compose must have no reason to recreate or restart the service with it,
            // as that would kill the `chtctl upgrade` the service runs halfway through.
            Needs = [],
            AllowedClients = ["api"],
        };
    }

    private static Component Nginx(InstanceSpec spec)
    {
        var check = $"exec 3<>/dev/tcp/127.0.0.1/{Ports.Http} && printf 'GET {EdgeHealthPath} HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '";
        return new Component
        {
            Name = "nginx",
            ContainerName = "cht-nginx",
            Role = ComponentRole.Edge,
            Image = spec.Images.Nginx,
            Ports = [new PortSpec("http", Ports.Http), new PortSpec("https", Ports.Https)],
            Mounts =
            [
                new Mount(new Volume.ConfigFile(NginxConfigFile), "/etc/nginx/nginx.conf", ReadOnly: true),
                new Mount(new Volume.ConfigDirectory(ErrorPagesDirectory), "/usr/share/nginx/chtctl-errors", ReadOnly: true),
                new Mount(new Volume.Certificates(), "/etc/nginx/private", ReadOnly: true),
                new Mount(new Volume.AcmeChallenges(), "/var/www/acme", ReadOnly: true),
            ],
            Readiness = new Probe(new ProbeAction.HttpGet(EdgeHealthPath, Ports.Http), PeriodSeconds: 10),
            Liveness = new Probe(new ProbeAction.TcpSocket(Ports.Https), PeriodSeconds: 20),
            HealthCommand = ["CMD", "bash", "-c", check],
            Resources = spec.Resources.Nginx,
            Wave = Waves.Edge,
            Needs = ["api"],
            AllowedClients = [Clients.PublicEdge],
        };
    }

    private static EnvVar CouchUrl(InstanceSpec spec) =>
        new("COUCH_URL", new EnvValue.SecretTemplate(
            $"http://{spec.Couchdb.User}:{EnvValue.SecretTemplate.Placeholder}@haproxy:{Ports.Haproxy}/medic", new SecretKeyRef(SecretKey.CouchDbPassword)));

    private static IEnumerable<EnvVar> ProductionMode(VersionLine line) =>
        line.ApiRunsInProductionMode ? [Text("NODE_ENV", "production"), Text("LOG_LEVEL", "info")] : [];

    private static string NodeHttpCheck(string url) =>
        $"require('http').get('{url}',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))";

    private static EnvVar Text(string name, string value) => new(name, new EnvValue.Text(value));

    private static EnvVar Secret(SecretKey key) => new(key.EnvName(), new EnvValue.Secret(new SecretKeyRef(key)));

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How components and CouchDB hosts are named on the instance's target.</summary>
    private sealed class Naming(InstanceSpec spec, string ns)
    {
        private bool Clustered => spec.Couchdb.Nodes > 1;

        /// <summary><c>couchdb</c> for a single node, <c>couchdb-N</c> in a cluster (Medic's names).</summary>
        public string NodeName(string baseName, int n) => Clustered ? $"{baseName}-{n}" : baseName;

        /// <summary>
        /// The host a CouchDB node is known by (its Erlang node name is <c>couchdb@host</c>). Erlang long
        /// names need a dotted host, hence <c>couchdb-N.local</c> on Compose, as upstream's compose files.
        /// </summary>
        public string CouchDbHost(int n) => spec.Target == DeploymentTarget.Kubernetes
            ? $"{NodeName("couchdb", n)}.{ns}.svc.cluster.local"
            : Clustered ? $"{NodeName("couchdb", n)}.local" : "couchdb";

        public IReadOnlyList<string> CouchDbAliases(int n, string[] hosts) =>
            spec.Target == DeploymentTarget.Compose && Clustered ? [hosts[n - 1]] : [];
    }
}
