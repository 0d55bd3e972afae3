namespace Chtctl.EndToEnd.Tests.Support;

/// <summary>
/// The private Docker engine and locally built images the end-to-end tests run against, named by the
/// environment <c>scripts/test.sh</c> sets up. Missing means the tests were started the wrong way: they fail
/// (never skip) and say how to run them.
/// </summary>
internal static class TestEngine
{
    public static string DockerHost => Required("CHTCTL_TEST_DOCKER_HOST");

    public static string Registry => Required("CHTCTL_TEST_REGISTRY");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: the end-to-end tests need the private Docker engine and the test images. "
                + "Run them with 'bash scripts/test.sh', or start the engine with 'scripts/dockerd.sh start', build the images "
                + "with 'scripts/images.sh' and export CHTCTL_TEST_DOCKER_HOST=unix:///run/chtctl-test/docker.sock "
                + "CHTCTL_TEST_REGISTRY=localhost/chtctl-test.");

    /// <summary>A loopback port the OS just reported free.</summary>
    /// <summary>A port nginx can publish (see <see cref="Chtctl.Testing.PublishablePorts"/>).</summary>
    public static int FreePort() => Chtctl.Testing.PublishablePorts.Next();
}
