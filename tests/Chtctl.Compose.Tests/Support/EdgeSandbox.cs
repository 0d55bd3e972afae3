using Chtctl.Compose.Rendering;
using Chtctl.Core.Topology;

namespace Chtctl.Compose.Tests.Support;

/// <summary>
/// The files nginx's container would see, laid out at the container paths of the edge's mounts inside a
/// temporary root, and the bind mounts that put them there in a private mount namespace. Each mount's
/// parent directory (/etc/nginx, /usr/share/nginx, /var/www) is covered, so nothing on the host changes.
/// </summary>
internal sealed class EdgeSandbox : IDisposable
{
    private readonly TempDirectory _temp = new();

    public EdgeSandbox(RenderedScenario rendered, string nginxConfig)
    {
        var edge = rendered.Topology.Components.Single(c => c.Role == ComponentRole.Edge);
        foreach (var mount in edge.Mounts)
        {
            var target = Inside(mount.Path);
            switch (mount.Volume)
            {
                case Volume.ConfigFile { FileName: TopologyBuilder.NginxConfigFile }:
                    TempDirectory.WriteFile(target, nginxConfig);
                    ConfigPath = mount.Path;
                    break;
                case Volume.ConfigDirectory directory:
                    var prefix = ProjectFiles.For(directory) + "/";
                    foreach (var file in rendered.Tree.Files.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal)))
                        TempDirectory.WriteFile(Path.Combine(target, file.Path[prefix.Length..]), file.Content);
                    break;
                case Volume.Certificates:
                    TestCertificate.Create(target, rendered.Topology.Edge.Host);
                    break;
                case Volume.AcmeChallenges:
                    AcmeDirectory = Directory.CreateDirectory(target).FullName;
                    break;
                default:
                    throw new InvalidOperationException($"the sandbox cannot provide {mount.Volume}");
            }

            Mounts[Inside(Path.GetDirectoryName(mount.Path)!)] = Path.GetDirectoryName(mount.Path)!;
        }

        Assert.NotNull(ConfigPath);
        Assert.NotNull(AcmeDirectory);
        Prefix = _temp.CreateDirectory("prefix");
    }

    /// <summary>nginx.conf's path inside the namespace (the container path).</summary>
    public string? ConfigPath { get; }

    /// <summary>Host directory mounted where nginx serves ACME challenges from.</summary>
    public string? AcmeDirectory { get; }

    public string Prefix { get; }

    public Dictionary<string, string> Mounts { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Arguments for <c>unshare</c> that run nginx against the sandbox in the foreground, as the stock
    /// image does (<c>-g 'daemon off;'</c>), with its pid file in the sandbox.
    /// </summary>
    public IReadOnlyList<string> Nginx(params string[] arguments) =>
        PrivateMounts.Command(Mounts, "nginx",
            [.. arguments, "-c", ConfigPath!, "-p", Prefix + "/", "-e", "stderr", "-g", $"daemon off; pid {Prefix}/nginx.pid;"]);

    public void Dispose() => _temp.Dispose();

    private string Inside(string containerPath) => _temp.Combine("root", containerPath.TrimStart('/'));
}
