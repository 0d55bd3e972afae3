namespace Chtctl.Testing.Engine;

/// <summary>
/// The private Docker engine and locally built images the real-engine tests run against, named by the environment
/// <c>scripts/test.sh</c> sets up. Missing means the tests were started the wrong way: they fail (never skip) and say
/// how to run them.
/// </summary>
public static class TestEngine
{
    public const string DockerHostVariable = "CHTCTL_TEST_DOCKER_HOST";
    public const string RegistryVariable = "CHTCTL_TEST_REGISTRY";

    /// <summary>The engine's address, as <c>DOCKER_HOST</c> takes it (<c>unix:///run/chtctl-test/docker.sock</c>).</summary>
    public static string DockerHost => Required(DockerHostVariable);

    /// <summary>Where the test images are tagged (<c>localhost/chtctl-test</c>): the instances' <c>cht.registry</c>.</summary>
    public static string Registry => Required(RegistryVariable);

    /// <summary>Fails here, before a test creates anything, when the tests were not started with the test engine.</summary>
    public static void EnsureConfigured()
    {
        _ = DockerHost;
        _ = Registry;
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: these tests need the private Docker engine and the test images. "
                + "Run them with 'bash scripts/test.sh', or start the engine with 'scripts/dockerd.sh start', build the images "
                + $"with 'scripts/images.sh' and export {DockerHostVariable}=unix:///run/chtctl-test/docker.sock "
                + $"{RegistryVariable}=localhost/chtctl-test.");
}
