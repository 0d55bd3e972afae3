using System.Globalization;
using Chtctl.Core.Parsing;
using Chtctl.Core.Topology;
using Chtctl.Core.Versions;

namespace Chtctl.Services.UpgradeService;

/// <summary>
/// The upgrade service's settings. Chosen source: the instance file in the instance home, which the Compose
/// renderer mounts at its host path and names in <c>CHTCTL_INSTANCE_FILE</c>, so the registry the guard rails
/// allow is the one the instance runs (<c>cht.registry</c>) without a second copy in the environment that could
/// drift. Environment: <c>UPGRADE_SERVICE_PORT</c> (5008), <c>CHTCTL_INSTANCE</c> (the instance name, required,
/// checked against the file), <c>CHTCTL_INSTANCE_FILE</c> (default <c>/instance/instance.yaml</c>, for a home
/// mounted by hand), <c>UPGRADE_SERVICE_REGISTRY</c> (overrides the file's registry: for targets without the
/// home mounted, and tests), <c>UPGRADE_SERVICE_BIND_ADDRESS</c> (0.0.0.0). Known container names are fixed:
/// they are the staging document's tags, the same for every instance (<see cref="ChtContainers"/>).
/// </summary>
internal sealed record UpgradeServiceOptions
{
    public const string DefaultInstanceFile = "/instance/instance.yaml";

    /// <summary>The Kubernetes variant's limit; api's payload (tags plus three compose files) is a few kilobytes.</summary>
    public const long DefaultMaxBodyBytes = 1L << 20;

    public required string Instance { get; init; }

    public required string Registry { get; init; }

    /// <summary>The instance file read, or null when there was none (Kubernetes: the registry came from the environment).</summary>
    public string? InstanceFile { get; init; }

    /// <summary><c>cht.version</c> when the file pins an exact release; what the service's fallback runner reports as running.</summary>
    public ChtVersion? PinnedVersion { get; init; }

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; init; } = Ports.UpgradeService;

    public string BindAddress { get; init; } = "0.0.0.0";

    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Reads the settings; every problem at once. <paramref name="readFile"/> returns null for a missing file.</summary>
    public static (UpgradeServiceOptions? Options, IReadOnlyList<string> Errors) FromEnvironment(Func<string, string?> env, Func<string, string?> readFile)
    {
        var errors = new List<string>();
        var instance = env("CHTCTL_INSTANCE");
        if (string.IsNullOrEmpty(instance))
            errors.Add("CHTCTL_INSTANCE is not set: give the name of the instance this service upgrades");

        var port = Ports.UpgradeService;
        var portText = env("UPGRADE_SERVICE_PORT");
        if (!string.IsNullOrEmpty(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
            errors.Add($"UPGRADE_SERVICE_PORT: '{portText}' is not a whole number from 0 to 65535");

        var registry = env("UPGRADE_SERVICE_REGISTRY");
        ChtVersion? pinned = null;
        var file = env("CHTCTL_INSTANCE_FILE") is { Length: > 0 } given ? given : DefaultInstanceFile;
        var text = readFile(file);
        if (text is null)
        {
            if (string.IsNullOrEmpty(registry))
                errors.Add($"the instance file {file} does not exist: mount the instance home and set CHTCTL_INSTANCE_FILE, or set UPGRADE_SERVICE_REGISTRY");
        }
        else
        {
            var result = InstanceFileReader.Read(text, file);
            if (result.Spec is not { } spec || !result.Succeeded)
            {
                errors.AddRange(result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()));
            }
            else
            {
                if (!string.IsNullOrEmpty(instance) && spec.Name != instance)
                    errors.Add($"CHTCTL_INSTANCE is '{instance}' but {file} describes instance '{spec.Name}'");
                registry = string.IsNullOrEmpty(registry) ? spec.Cht.Registry : registry;
                pinned = ChtVersion.TryParse(spec.Cht.Version, out var version) ? version : null;
            }
        }

        if (errors.Count > 0)
            return (null, errors);
        return (new UpgradeServiceOptions
        {
            Instance = instance!,
            Registry = registry!.TrimEnd('/'),
            PinnedVersion = pinned,
            InstanceFile = text is null ? null : file,
            Port = port,
            BindAddress = env("UPGRADE_SERVICE_BIND_ADDRESS") is { Length: > 0 } bind ? bind : "0.0.0.0",
        }, errors);
    }
}
