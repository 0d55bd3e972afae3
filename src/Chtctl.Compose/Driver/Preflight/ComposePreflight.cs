using System.Globalization;
using Chtctl.Compose.Driver.Cli;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Layout;
using Chtctl.Core.Spec;
using Chtctl.Core.Upgrades;

namespace Chtctl.Compose.Driver.Preflight;

/// <summary>
/// Everything checked before <c>up</c> changes anything, every problem at once: the engine answers and is
/// new enough, Compose is there and new enough, the published ports are free (or already this instance's),
/// and the instance home has room. The lock is taken before, and images are checked after, by the driver.
/// </summary>
public static class ComposePreflight
{
    /// <summary>Below this much free space, CouchDB cannot even compact; operators want to hear it before, not during.</summary>
    public const long MinimumFreeBytes = 1L << 30;

    /// <summary>The oldest engine chtctl drives: 20.10 (API 1.41), where healthcheck conditions and everything the project uses work.</summary>
    public static readonly Version MinimumEngine = new(20, 10);

    public static IReadOnlyList<string> EngineAndCompose(EngineVersion? engine, string? engineProblem, ComposeCli? compose)
    {
        var problems = new List<string>();
        if (engine is null)
            problems.Add(engineProblem ?? "the Docker engine does not answer");
        else if (!System.Version.TryParse(string.Join('.', engine.Version.Split('.', '-', '+').Take(2)), out var version) || version < MinimumEngine)
            problems.Add($"the Docker engine is {engine.Version}; chtctl needs {MinimumEngine} or newer. Upgrade Docker (https://docs.docker.com/engine/install/).");
        if (compose is null)
            problems.Add("neither 'docker compose' (v2) nor 'docker-compose' (v1.29+) runs on this host. Install the Compose plugin (apt-get install docker-compose-plugin) or docker-compose.");
        else if (!compose.Supported)
            problems.Add($"{compose.DisplayName} is too old: chtctl needs docker compose v2 or docker-compose 1.29+.");
        return problems;
    }

    /// <summary>
    /// Ports nginx will publish that something else holds. A port this instance's own running edge already
    /// publishes is fine: <c>up</c> on a running instance must not refuse itself.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PortsAsync(InstanceSpec spec, IReadOnlyList<ContainerInfo> own, DockerEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(engine);
        var ownPorts = own.Where(c => c.Running).SelectMany(c => c.PublishedPorts).ToHashSet();
        var problems = new List<string>();
        IReadOnlyList<(string Name, int Port)>? published = null;
        foreach (var (key, port) in new[] { ("compose.ports.http", spec.Compose.Ports.Http), ("compose.ports.https", spec.Compose.Ports.Https) })
        {
            if (ownPorts.Contains(port) || PortHolder.IsFree(port))
                continue;
            published ??= await engine.PublishedPortsAsync(cancellationToken).ConfigureAwait(false);
            var holder = published.Where(p => p.Port == port).Select(p => $"container {p.Name}").FirstOrDefault() ?? PortHolder.Describe(port);
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"port {port} ({key}) is already in use{(holder is null ? "" : " by " + holder)}. Stop what holds it, or choose another port with {key} in the instance file."));
        }
        return problems;
    }

    public static IReadOnlyList<string> Disk(InstanceHomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var problems = new List<string>();
        foreach (var (what, path) in new[] { ("instance home", layout.Home), ("data directory", layout.DataDir) }.DistinctBy(p => Existing(p.Item2)))
        {
            var free = FreeBytes(path);
            if (free is { } bytes && bytes < MinimumFreeBytes)
                problems.Add($"only {ByteSize.Format(bytes)} free for the {what} {path}; chtctl needs at least {ByteSize.Format(MinimumFreeBytes)}. Free space on that filesystem or set compose.home / compose.dataDir elsewhere.");
        }
        return problems;
    }

    /// <summary>Free bytes on the filesystem holding a path (its nearest existing ancestor when it does not exist yet).</summary>
    public static long? FreeBytes(string path)
    {
        try
        {
            return new DriveInfo(Existing(path)).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Existing(string path)
    {
        var current = Path.GetFullPath(path);
        while (!Directory.Exists(current) && Path.GetDirectoryName(current) is { } parent)
            current = parent;
        return current;
    }
}
