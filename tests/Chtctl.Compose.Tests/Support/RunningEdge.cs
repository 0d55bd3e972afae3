using System.Text.RegularExpressions;
using Chtctl.Compose.Rendering;
using Chtctl.Core.Topology;
using Chtctl.Testing;

namespace Chtctl.Compose.Tests.Support;

/// <summary>
/// nginx running the rendered config of a scenario on loopback, in front of an <see cref="ApiStandIn"/>.
/// The test copy differs from the rendered file only in its listen ports and the api address; each of
/// those rewrites must apply exactly once, so a changed config fails the test instead of going untested.
/// </summary>
internal sealed class RunningEdge : IDisposable
{
    private RunningEdge(RenderedScenario rendered)
    {
        Api = new ApiStandIn();
        HttpPort = FreePorts.Publishable();
        HttpsPort = FreePorts.Publishable();
        var api = rendered.Topology.Components.Single(c => c.Role == ComponentRole.Api);

        var config = rendered.File(ProjectFiles.NginxConfig);
        config = ReplaceOnce(config, $"listen {Ports.Http} default_server;", $"listen 127.0.0.1:{HttpPort} default_server;");
        config = ReplaceOnce(config, $"listen {Ports.Https} ssl http2 default_server;", $"listen 127.0.0.1:{HttpsPort} ssl http2 default_server;");
        config = ReplaceOnce(config, $"http://{api.Name}:{Ports.Api};", $"http://127.0.0.1:{Api.Port};");

        Sandbox = new EdgeSandbox(rendered, config);
        Nginx = new BackgroundProcess("unshare", Sandbox.Nginx());
        try
        {
            Nginx.WaitForPort(HttpPort);
            Nginx.WaitForPort(HttpsPort);
        }
        catch
        {
            Nginx.Dispose();
            Api.Dispose();
            Sandbox.Dispose();
            throw;
        }

        Http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            // The sandbox certificate is self-signed; trust is not what these tests are about.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });
    }

    public ApiStandIn Api { get; }

    public EdgeSandbox Sandbox { get; }

    public BackgroundProcess Nginx { get; }

    public HttpClient Http { get; }

    public int HttpPort { get; }

    public int HttpsPort { get; }

    public static RunningEdge Start(string scenario) => new(RenderedScenario.Of(scenario));

    public Uri HttpUrl(string path) => new($"http://127.0.0.1:{HttpPort}{path}");

    public Uri HttpsUrl(string path) => new($"https://127.0.0.1:{HttpsPort}{path}");

    /// <summary>A request as a client of the instance sends it, naming the instance's host.</summary>
    public HttpRequestMessage Request(HttpMethod method, Uri url, string host = "localhost") =>
        new(method, url) { Headers = { Host = host } };

    public void Dispose()
    {
        Http.Dispose();
        Nginx.Dispose();
        Api.Dispose();
        Sandbox.Dispose();
    }

    private static string ReplaceOnce(string text, string find, string replacement)
    {
        Assert.Equal(1, Regex.Count(text, Regex.Escape(find)));
        return text.Replace(find, replacement, StringComparison.Ordinal);
    }
}
