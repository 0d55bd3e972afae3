namespace Chtctl.Compose.Driver.Engine;

/// <summary>
/// Where the Docker engine listens, read from <c>DOCKER_HOST</c> as the docker CLI and Compose read it, so
/// chtctl, Compose and the upgrade service always talk to the same engine.
/// </summary>
public sealed record EngineEndpoint(Uri Address)
{
    public const string DefaultSocket = "/var/run/docker.sock";

    public static EngineEndpoint FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = environment("DOCKER_HOST");
        var host = !string.IsNullOrWhiteSpace(value) ? value : "unix://" + DefaultSocket;
        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri) || (uri.Scheme != "unix" && uri.Scheme != "tcp"))
            throw new EngineUnavailableException($"DOCKER_HOST '{host}' is not a unix:// or tcp:// address; unset it to use {DefaultSocket}");
        return new EngineEndpoint(uri);
    }

    /// <summary>The socket file on this host, for a unix endpoint; null for tcp.</summary>
    public string? SocketPath => Address.Scheme == "unix" ? Address.AbsolutePath : null;

    /// <summary>The value to give child processes (Compose) as <c>DOCKER_HOST</c>.</summary>
    public string DockerHost => Address.Scheme == "unix" ? "unix://" + SocketPath : Address.ToString().TrimEnd('/');

    public override string ToString() => DockerHost;
}
