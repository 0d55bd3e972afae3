using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Chtctl.Compose.Layout;
using Chtctl.Core.Rendering;
using Chtctl.Core.Rendering.Yaml;
using Chtctl.Core.Topology;

namespace Chtctl.Compose.Rendering;

/// <summary>
/// Builds <c>docker-compose.yml</c> from the topology. Written for both docker-compose v1.29 and the
/// <c>docker compose</c> v2 plugin: no <c>version:</c> or top-level <c>name:</c> key (v1 rejects it; the
/// project name comes from <c>.env</c>), and resource keys both versions apply without
/// <c>--compatibility</c> (<c>mem_limit</c>, <c>cpus</c>) rather than <c>deploy.resources</c>.
/// </summary>
internal static class ComposeFile
{
    /// <summary>Label carrying a hash of a service's mounted config files (see <see cref="ConfigHash"/>).</summary>
    public const string ConfigHashLabel = "chtctl.config-hash";

    /// <summary>
    /// Roles whose main process is not an init: a Node or .NET process as PID 1 neither reaps the
    /// children it starts (the upgrade service runs `docker compose`) nor always stops promptly on
    /// SIGTERM. CouchDB's image already runs tini; nginx, HAProxy and the JVM handle signals as PID 1.
    /// </summary>
    private static readonly HashSet<ComponentRole> NeedsInit =
        [ComponentRole.Api, ComponentRole.Sentinel, ComponentRole.HealthAgent, ComponentRole.UpgradeService];

    public static string NetworkKey(InstanceTopology topology) => topology.Name + "-net";

    public static string Render(InstanceTopology topology, InstanceHomeLayout layout, RenderedTree rendered)
    {
        var volumes = new ServiceVolumes(topology, layout);
        var services = new YamlMap();
        foreach (var component in topology.Components)
            services.Add(component.Name, Service(topology, component, volumes, rendered, layout));

        var network = NetworkKey(topology);
        var root = new YamlMap()
            .Add("services", services)
            // The instance's own network, named after it: instances on one host never share one, unlike
            // upstream's fixed `cht-net`.
            .Add("networks", new YamlMap().Add(network, new YamlMap().Add("name", network)));
        var named = new YamlMap();
        foreach (var (key, name) in volumes.Named)
            named.Add(key, new YamlMap().Add("name", name));
        root.AddIfAny("volumes", named);

        var header = new StringBuilder()
            .Append("# docker-compose.yml for CHT instance '").Append(topology.Name).Append("' (CHT ").Append(topology.Release.Version)
            .Append("), rendered by chtctl.\n")
            .Append("# Changes here are replaced on the next `chtctl up`. Secrets are not in this file: Compose reads them from .env.\n");
        return header.Append(YamlWriter.Write(root)).ToString();
    }

    private static YamlMap Service(InstanceTopology topology, Component component, ServiceVolumes volumes, RenderedTree rendered, InstanceHomeLayout layout)
    {
        var service = new YamlMap().Add("image", component.Image);
        service.AddIfAny("command", new YamlSeq(component.Command.Select(Interpolation.Literal)));
        if (NeedsInit.Contains(component.Role))
            service.Add("init", true);
        // unless-stopped rather than upstream's always: containers come back after a crash or a reboot,
        // but one an operator stopped on purpose (a restore in progress) stays stopped across a reboot.
        service.Add("restart", "unless-stopped");
        service.AddIfAny("depends_on", DependsOn(topology, component));
        service.AddIfAny("environment", Environment(component, layout));

        if (component.Role == ComponentRole.Edge)
            service.AddIfAny("ports", new YamlSeq(component.Ports.Select(p => PublishedPort(topology.Edge, p))));
        else
            service.AddIfAny("expose", new YamlSeq(component.Ports.Select(p => p.Number.ToString(CultureInfo.InvariantCulture))));

        service.AddIfAny("volumes", new YamlSeq(component.Mounts.Select(volumes.Entry)));
        var attachment = new YamlMap().AddIfAny("aliases", new YamlSeq(component.Aliases));
        service.Add("networks", new YamlMap().Add(NetworkKey(topology), attachment));
        if (Healthcheck(component) is { } healthcheck)
            service.Add("healthcheck", healthcheck);
        AddResources(service, component);
        if (ConfigHash(component, rendered) is { } hash)
            service.Add("labels", new YamlMap().Add(ConfigHashLabel, hash));
        service.Add("logging", new YamlMap()
            .Add("driver", "local")
            .Add("options", new YamlMap().Add("max-size", "50m").Add("max-file", "20")));
        return service;
    }

    /// <summary>
    /// Waits for the previous wave to be healthy. A component sharing a pod with this one on Kubernetes
    /// (nouveau beside its CouchDB) only has to be started, as containers of one pod start together.
    /// </summary>
    private static YamlMap DependsOn(InstanceTopology topology, Component component)
    {
        var result = new YamlMap();
        var ready = component.DependsOn(topology).Select(n => (Name: n, Healthy: topology[n].HealthCommand.Count > 0));
        var podMates = topology.Components.Where(c => c.PodOf == component.Name).Select(c => (c.Name, Healthy: false));
        foreach (var (name, healthy) in ready.Concat(podMates).DistinctBy(d => d.Name).OrderBy(d => d.Name, StringComparer.Ordinal))
            result.Add(name, new YamlMap().Add("condition", healthy ? "service_healthy" : "service_started"));
        return result;
    }

    private static YamlMap Environment(Component component, InstanceHomeLayout layout)
    {
        var env = new YamlMap();
        foreach (var variable in component.Env)
        {
            env.Add(variable.Name, variable.Value switch
            {
                EnvValue.Text t => Interpolation.Literal(t.Value),
                EnvValue.Secret s => Interpolation.Required(s.Key.EnvName),
                EnvValue.SecretTemplate t => string.Join(Interpolation.Required(t.Key.EnvName),
                    t.Template.Split(EnvValue.SecretTemplate.Placeholder).Select(Interpolation.Literal)),
                EnvValue.InstanceHomePath p => Interpolation.Literal(layout.Home + "/" + p.RelativePath),
                EnvValue.EngineSocketPath => ServiceVolumes.DockerSocket,
                _ => throw new InvalidOperationException($"unknown value kind for {variable.Name}"),
            });
        }

        return env;
    }

    /// <summary>nginx's ports inside the container are fixed; the host side is the spec's.</summary>
    private static string PublishedPort(EdgeSettings edge, PortSpec port)
    {
        var host = port.Number switch
        {
            Ports.Http => edge.HttpPort,
            Ports.Https => edge.HttpsPort,
            _ => throw new InvalidOperationException($"the edge publishes only ports {Ports.Http} and {Ports.Https}, not {port.Number}"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{host}:{port.Number}");
    }

    /// <summary>
    /// The readiness probe as a Compose healthcheck, which gates <c>service_healthy</c> dependents.
    /// <c>start_period</c> takes the longest initial delay of either probe: failures inside it do not count,
    /// while a success still reports healthy at once, so a slow first start (CouchDB opening large
    /// databases, api migrating) is not declared unhealthy, which would abort `up` in both Compose versions.
    /// </summary>
    private static YamlMap? Healthcheck(Component component)
    {
        if (component.HealthCommand.Count == 0)
            return null;
        var probe = component.Readiness ?? new Probe(new ProbeAction.Exec(component.HealthCommand));
        var start = Math.Max(probe.InitialDelaySeconds, component.Liveness?.InitialDelaySeconds ?? 0);
        // The command is the shell's (`$COUCHDB_USER` is the container's variable): escaped, Compose leaves it alone.
        var healthcheck = new YamlMap()
            .Add("test", new YamlSeq(component.HealthCommand.Select(Interpolation.Literal)))
            .Add("interval", Seconds(probe.PeriodSeconds))
            .Add("timeout", Seconds(probe.TimeoutSeconds))
            .Add("retries", probe.FailureThreshold);
        return start > 0 ? healthcheck.Add("start_period", Seconds(start)) : healthcheck;
    }

    private static void AddResources(YamlMap service, Component component)
    {
        if (component.Resources is not { } r)
            return;
        if (r.MemoryLimit is { } memoryLimit)
            service.Add("mem_limit", ComposeQuantities.Memory(memoryLimit));
        if (r.Memory is { } memory)
            service.Add("mem_reservation", ComposeQuantities.Memory(memory));
        if (r.CpuLimit is { } cpuLimit)
            service.Add("cpus", ComposeQuantities.Cpus(cpuLimit));
        if (r.Cpu is { } cpu)
            service.Add("cpu_shares", ComposeQuantities.CpuShares(cpu));
    }

    /// <summary>
    /// A hash of the rendered files a service mounts. Compose recreates a container only when its own
    /// definition changes, and a bind-mounted file replaced by an atomic rename stays the old file inside a
    /// running container; the label changes with the content, so `up` recreates exactly those services.
    /// </summary>
    private static string? ConfigHash(Component component, RenderedTree rendered)
    {
        var sources = component.Mounts.Where(m => m.Volume is Volume.ConfigFile or Volume.ConfigDirectory)
            .Select(m => ProjectFiles.For(m.Volume)).ToArray();
        if (sources.Length == 0)
            return null;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in rendered.Files.Where(f => sources.Any(s => f.Path == s || f.Path.StartsWith(s + "/", StringComparison.Ordinal))))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(file.Path + "\n" + file.Content.Length.ToString(CultureInfo.InvariantCulture) + "\n"));
            sha.AppendData(Encoding.UTF8.GetBytes(file.Content));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    private static string Seconds(int seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds}s");
}
