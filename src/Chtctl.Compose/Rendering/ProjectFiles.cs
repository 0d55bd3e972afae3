using Chtctl.Core.Topology;

namespace Chtctl.Compose.Rendering;

/// <summary>Paths of the files in a rendered Compose project, relative to the project directory.</summary>
internal static class ProjectFiles
{
    public const string ComposeFile = "docker-compose.yml";
    public const string EnvFile = ".env";
    public const string HaproxyConfig = "haproxy/" + TopologyBuilder.HaproxyConfigFile;
    public const string NginxConfig = "nginx/" + TopologyBuilder.NginxConfigFile;
    public const string ErrorPages = "nginx/" + TopologyBuilder.ErrorPagesDirectory;

    /// <summary>
    /// The project path holding what a config mount names. Every mount must name a file this renderer
    /// writes; an unknown name fails the render rather than mounting a path Docker would create empty.
    /// </summary>
    public static string For(Volume volume) => volume switch
    {
        Volume.ConfigFile { FileName: TopologyBuilder.HaproxyConfigFile } => HaproxyConfig,
        Volume.ConfigFile { FileName: TopologyBuilder.NginxConfigFile } => NginxConfig,
        Volume.ConfigDirectory { DirectoryName: TopologyBuilder.ErrorPagesDirectory } => ErrorPages,
        _ => throw new InvalidOperationException($"the Compose renderer does not render {volume}"),
    };
}
