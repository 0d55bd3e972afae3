using Chtctl.Testing;

namespace Chtctl.EndToEnd.Tests.Support;

/// <summary>The docker CLI against the test engine: how an operator inspects (and here, breaks) an instance.</summary>
internal static class Docker
{
    /// <summary>One container of an instance as Docker sees it.</summary>
    internal sealed record Container(string Service, string Id, string StartedAt, int RestartCount, string Status, string? Health);

    public static PeerTools.Result Run(params string[] arguments)
    {
        var result = PeerTools.Run("docker", ["-H", TestEngine.DockerHost, .. arguments], timeoutSeconds: 60);
        return result;
    }

    public static string Check(params string[] arguments)
    {
        var result = Run(arguments);
        Assert.True(result.ExitCode == 0, $"docker {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.Output}");
        return result.Output;
    }

    /// <summary>Every container (running or not) of a Compose project, by service name.</summary>
    public static IReadOnlyDictionary<string, Container> Containers(string project)
    {
        var ids = Check("ps", "-aq", "--filter", $"label=com.docker.compose.project={project}")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
            return new Dictionary<string, Container>();
        const string Format = "{{ index .Config.Labels \"com.docker.compose.service\" }}|{{ .Id }}|{{ .State.StartedAt }}|{{ .RestartCount }}|{{ .State.Status }}|{{ if .State.Health }}{{ .State.Health.Status }}{{ end }}";
        return Check(["inspect", "-f", Format, .. ids])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|'))
            .Select(p => new Container(p[0], p[1], p[2], int.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture), p[4], p[5].Length == 0 ? null : p[5]))
            .ToDictionary(c => c.Service);
    }

    /// <summary>Networks and volumes Docker holds for an instance (named after it).</summary>
    public static IReadOnlyList<string> NetworksAndVolumes(string instance) =>
    [
        .. Check("network", "ls", "-q", "--filter", $"name={instance}").Split('\n', StringSplitOptions.RemoveEmptyEntries),
        .. Check("volume", "ls", "-q", "--filter", $"name={instance}").Split('\n', StringSplitOptions.RemoveEmptyEntries),
    ];
}
