using Chtctl.Compose.Driver.Engine;

namespace Chtctl.Compose.Driver.Cli;

/// <summary>
/// The Compose command line chtctl drives: <c>docker compose</c> (v2) when the docker CLI has it, else
/// <c>docker-compose</c> (v1.29, still what Debian 12 ships). Both read the same rendered project; only the
/// program and its first argument differ. Every call names the project directory and the engine explicitly.
/// </summary>
public sealed class ComposeCli
{
    private readonly string _program;
    private readonly string[] _prefix;

    private ComposeCli(string program, string[] prefix, string version, EngineEndpoint engine)
    {
        _program = program;
        _prefix = prefix;
        Version = version;
        Engine = engine;
    }

    /// <summary>The version Compose reports (2.x for the plugin, 1.29.x for docker-compose).</summary>
    public string Version { get; }

    public EngineEndpoint Engine { get; }

    public bool IsV1 => Version.StartsWith("1.", StringComparison.Ordinal);

    public string DisplayName => IsV1 ? $"docker-compose {Version}" : $"docker compose {Version}";

    /// <summary>Finds Compose on this host: v2 first, then v1. Null when neither runs.</summary>
    public static async Task<ComposeCli?> FindAsync(EngineEndpoint engine, CancellationToken cancellationToken)
    {
        var env = Environment(engine);
        var v2 = await ProcessRunner.RunAsync("docker", ["compose", "version", "--short"], null, env, null, cancellationToken).ConfigureAwait(false);
        if (v2.Succeeded && v2.Output.FirstOrDefault(l => l.Trim().Length > 0) is { } v2Version && !v2Version.Contains("unknown", StringComparison.OrdinalIgnoreCase))
            return new ComposeCli("docker", ["compose"], v2Version.Trim().TrimStart('v'), engine);
        var v1 = await ProcessRunner.RunAsync("docker-compose", ["version", "--short"], null, env, null, cancellationToken).ConfigureAwait(false);
        if (v1.Succeeded && v1.Output.FirstOrDefault(l => l.Trim().Length > 0) is { } v1Version)
            return new ComposeCli("docker-compose", [], v1Version.Trim().TrimStart('v'), engine);
        return null;
    }

    /// <summary>Whether this Compose reads chtctl's project (compose-spec files, healthcheck conditions): v2, or v1 from 1.29.</summary>
    public bool Supported
    {
        get
        {
            var parts = Version.Split('.', '-', '+');
            if (parts.Length < 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor))
                return false;
            return major >= 2 || (major == 1 && minor >= 29);
        }
    }

    public Task<ProcessResult> RunAsync(string projectDirectory, IEnumerable<string> arguments, Action<string>? onLine, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(
            _program,
            [.. _prefix, "--project-directory", projectDirectory, "-f", Path.Combine(projectDirectory, "docker-compose.yml"), .. arguments],
            projectDirectory,
            Environment(Engine),
            onLine,
            cancellationToken);

    /// <summary>
    /// What every Compose run gets: the engine (so chtctl and Compose never talk to different engines) and the
    /// host path of its socket, which the rendered upgrade service mounts.
    /// </summary>
    private static Dictionary<string, string> Environment(EngineEndpoint engine)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOCKER_HOST"] = engine.DockerHost };
        // Inside the upgrade service the socket is mounted at the standard path, but the rendered mount needs
        // the host's path, which the service's environment carries: a different one would recreate the service.
        if (System.Environment.GetEnvironmentVariable(Rendering.ServiceVolumes.EngineSocketVariable) is { Length: > 0 } hostSocket)
            env[Rendering.ServiceVolumes.EngineSocketVariable] = hostSocket;
        else if (engine.SocketPath is { } socket)
            env[Rendering.ServiceVolumes.EngineSocketVariable] = socket;
        return env;
    }
}
