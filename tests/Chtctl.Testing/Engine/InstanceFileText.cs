using System.Globalization;
using System.Text;

namespace Chtctl.Testing.Engine;

/// <summary>
/// The instance file a real-engine test gives chtctl: a Compose instance on the test engine, every image from the
/// test registry (<see cref="TestEngine.Registry"/>), its home and published ports chosen by the test.
/// </summary>
public sealed record InstanceFileText(string Name, string Home, int HttpPort, int HttpsPort)
{
    /// <summary>The default last line: a self-signed certificate for localhost, where the tests reach the edge.</summary>
    public const string LocalhostTls = "tls: { host: localhost }\n";

    /// <summary><c>compose.dataDir</c>, when CouchDB's data must live somewhere particular (a small filesystem).</summary>
    public string? DataDir { get; init; }

    /// <summary><c>cht.buildsUrl</c>, when the test runs its own builds server.</summary>
    public string? BuildsUrl { get; init; }

    /// <param name="chtVersion"><c>cht.version</c>.</param>
    /// <param name="tail">The lines after the images (the tls line unless given, and any other section).</param>
    public string Render(string chtVersion, string? tail = null)
    {
        var registry = TestEngine.Registry;
        var builds = BuildsUrl is null ? "" : $", buildsUrl: \"{BuildsUrl}\"";
        var dataDir = DataDir is null ? "" : $"dataDir: {DataDir}, ";
        return new StringBuilder()
            .Append("apiVersion: chtctl/v1\n")
            .Append(CultureInfo.InvariantCulture, $"name: {Name}\n")
            .Append(CultureInfo.InvariantCulture, $"cht: {{ version: {chtVersion}, registry: {registry}{builds} }}\n")
            .Append(CultureInfo.InvariantCulture, $"compose: {{ home: {Home}, {dataDir}ports: {{ http: {HttpPort}, https: {HttpsPort} }} }}\n")
            .Append(CultureInfo.InvariantCulture, $"images: {{ haproxy: {registry}/haproxy:2.6, nginx: {registry}/nginx:1.22, chtctl: {registry}/chtctl:test }}\n")
            .Append(tail ?? LocalhostTls)
            .ToString();
    }
}
