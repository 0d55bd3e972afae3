using System.Text.RegularExpressions;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Layout;

namespace Chtctl.Compose.Driver.State;

/// <summary>One Compose instance on this host, for <c>chtctl list</c>.</summary>
public sealed record HostInstance(string Name, string Home, string? ChtVersion, int Containers, int Running, int Healthy)
{
    public string Health => Containers == 0 ? "not running"
        : Healthy == Containers ? "healthy"
        : Running == 0 ? "stopped"
        : $"{Healthy}/{Containers} healthy";
}

/// <summary>
/// Finds the Compose instances on a host: homes under the default root, and any other home whose project
/// Compose is running (its working directory label points back at it). The rendered compose file's header
/// names the instance and its CHT version, so no secret file has to be read.
/// </summary>
public static partial class InstanceInventory
{
    public static async Task<IReadOnlyList<HostInstance>> ListAsync(DockerEngine engine, string homeRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var containers = await engine.ContainersWithLabelAsync("com.docker.compose.project", cancellationToken).ConfigureAwait(false);
        var homes = new SortedSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(homeRoot))
        {
            foreach (var home in Directory.EnumerateDirectories(homeRoot))
                homes.Add(home);
        }
        foreach (var dir in containers.Select(c => c.Labels.GetValueOrDefault("com.docker.compose.project.working_dir")).OfType<string>())
        {
            if (Path.GetFileName(dir) == "project" && Path.GetDirectoryName(dir) is { } home)
                homes.Add(home);
        }

        var instances = new List<HostInstance>();
        foreach (var home in homes)
        {
            var composeFile = Path.Combine(home, "project", "docker-compose.yml");
            if (!File.Exists(composeFile))
                continue;
            var header = File.ReadLines(composeFile).FirstOrDefault() ?? "";
            var match = Header().Match(header);
            var name = match.Success ? match.Groups["name"].Value : Path.GetFileName(home);
            var own = containers.Where(c => c.Labels.GetValueOrDefault("com.docker.compose.project") == name).ToArray();
            instances.Add(new HostInstance(name, home, match.Success ? match.Groups["version"].Value : null, own.Length, own.Count(c => c.Running), own.Count(c => c.Healthy)));
        }
        return instances;
    }

    public static string DefaultRoot => InstanceHomeLayout.DefaultHomeRoot;

    [GeneratedRegex(@"for CHT instance '(?<name>[^']+)' \(CHT (?<version>[^)]+)\)")]
    private static partial Regex Header();
}
