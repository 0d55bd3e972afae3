using System.Globalization;
using Xunit;

namespace Chtctl.Testing.Engine;

/// <summary>The docker CLI against the test engine: how an operator inspects (and here, breaks) an instance.</summary>
public static class Docker
{
    public static PeerTools.Result Run(params string[] arguments) =>
        PeerTools.Run("docker", ["-H", TestEngine.DockerHost, .. arguments], timeoutSeconds: 60);

    /// <summary>Runs docker and fails the test with its output unless it succeeds.</summary>
    public static string Check(params string[] arguments)
    {
        var result = Run(arguments);
        Assert.True(result.ExitCode == 0, $"docker {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.Output}");
        return result.Output;
    }

    /// <summary>Every container (running or not) of a Compose project, by service name.</summary>
    public static IReadOnlyDictionary<string, InstanceContainer> Containers(string project)
    {
        var ids = Check("ps", "-aq", "--filter", $"label=com.docker.compose.project={project}")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
            return new Dictionary<string, InstanceContainer>();
        const string Format = "{{ index .Config.Labels \"com.docker.compose.service\" }}|{{ .Id }}|{{ .State.StartedAt }}|{{ .RestartCount }}|{{ .State.Status }}|{{ if .State.Health }}{{ .State.Health.Status }}{{ end }}";
        return Check(["inspect", "-f", Format, .. ids])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|'))
            .Select(p => new InstanceContainer(p[0], p[1], p[2], int.Parse(p[3], CultureInfo.InvariantCulture), p[4], p[5].Length == 0 ? null : p[5]))
            .ToDictionary(c => c.Service);
    }

    /// <summary>Networks and volumes Docker holds for an instance (named after it).</summary>
    public static IReadOnlyList<string> NetworksAndVolumes(string instance) =>
    [
        .. Check("network", "ls", "-q", "--filter", $"name={instance}").Split('\n', StringSplitOptions.RemoveEmptyEntries),
        .. Check("volume", "ls", "-q", "--filter", $"name={instance}").Split('\n', StringSplitOptions.RemoveEmptyEntries),
    ];
}
