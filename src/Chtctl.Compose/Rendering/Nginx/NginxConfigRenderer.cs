using System.Globalization;
using System.Text;
using Chtctl.Core.Spec;
using Chtctl.Core.Topology;

namespace Chtctl.Compose.Rendering.Nginx;

/// <summary>
/// Renders the whole <c>nginx.conf</c> of the Compose edge for the stock nginx image (1.22 and later):
/// TLS on 443 in front of api, port 80 for redirects, ACME challenges and nginx's own health check, and
/// error pages chosen by <c>Accept</c>. Self-contained: it includes nothing from the image, so what is
/// tested here is what runs. Paths come from the edge component's mounts, so config and mounts agree.
/// </summary>
internal static class NginxConfigRenderer
{
    /// <summary>Where error pages are asked for internally; never reachable from outside (<c>internal</c>).</summary>
    public const string ErrorPagesLocation = "/_chtctl_errors/";

    /// <summary>Mozilla's "intermediate" list: ECDHE and DHE with AES-GCM or ChaCha20, forward secrecy only.</summary>
    private const string Ciphers =
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
        + "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305";

    private static readonly string[] GzipTypes =
    [
        "text/plain", "text/css", "text/csv", "text/xml", "text/javascript", "application/json", "application/x-javascript",
        "application/xml", "application/vnd.ms-fontobject", "application/octet-stream", "application/x-font-woff",
        "multipart/related", "image/svg+xml",
    ];

    public static string Render(InstanceTopology topology)
    {
        var edge = topology.Components.Single(c => c.Role == ComponentRole.Edge);
        var api = topology.Components.Single(c => c.Role == ComponentRole.Api);
        var certificates = MountPath<Volume.Certificates>(edge);
        var acme = MountPath<Volume.AcmeChallenges>(edge);
        var errorPages = edge.Mounts.Single(m => m.Volume is Volume.ConfigDirectory { DirectoryName: TopologyBuilder.ErrorPagesDirectory }).Path;
        var upstream = string.Create(CultureInfo.InvariantCulture, $"http://{api.Name}:{api.Ports.Single().Number}");
        var https = HttpsBase(topology.Edge);

        var c = new ConfigWriter();
        c.Line($"# nginx.conf for CHT instance '{topology.Name}', rendered by chtctl. Changes here are replaced on the next `chtctl up`.");
        c.Line($"# TLS: {TlsNote(topology.Spec.Tls, topology.Edge.TlsMode)}");
        c.Blank();
        // No `user`, `pid` or `daemon` here: the image's built-in defaults and its `-g 'daemon off;'` apply,
        // and setting them twice is an error.
        c.Set("worker_processes auto");
        c.Set("error_log stderr warn");
        c.Blank();
        c.Open("events");
        c.Set("worker_connections 10240");
        c.Close();
        c.Blank();

        c.Open("http");
        c.Comment("nginx itself serves only ACME challenges and error pages; everything else is api's.");
        c.Open("types");
        c.Set("text/html html");
        c.Set("application/json json");
        c.Close();
        c.Set("default_type application/octet-stream");
        c.Set("access_log /dev/stdout");
        c.Set("sendfile on");
        c.Set("server_tokens off");
        c.Comment("One hour, as upstream (and AWS load balancers): CouchDB feeds and big syncs hold requests open.");
        c.Set("keepalive_timeout 3600");
        c.Set("proxy_read_timeout 3600");
        c.Set("client_max_body_size 32M");
        c.Blank();
        c.Comment("Docker's embedded DNS. api is named through a variable so its address is looked up again");
        c.Comment("(every 10 s) instead of once at start: a recreated api container has a new address.");
        c.Set("resolver 127.0.0.11 valid=10s ipv6=off");
        c.Blank();
        c.Open("map $http_accept $error_extension");
        c.Set("default html");
        c.Set("~application/json json");
        c.Close();
        c.Blank();

        c.Open("server");
        c.Set($"listen {Ports.Http} default_server");
        c.Open("location ^~ /.well-known/acme-challenge/");
        c.Set($"root {acme}");
        c.Set("default_type text/plain");
        c.Close();
        c.Open($"location = {TopologyBuilder.EdgeHealthPath}");
        c.Set("access_log off");
        c.Set("default_type text/plain");
        c.Set("return 200 \"ok\\n\"");
        c.Close();
        c.Open("location /");
        c.Set($"return 301 {https}$request_uri");
        c.Close();
        ErrorPageRules(c, errorPages, https);
        c.Close();
        c.Blank();

        c.Open("server");
        c.Comment("`listen ... http2` is the form nginx 1.22 knows; later versions still accept it.");
        c.Set($"listen {Ports.Https} ssl http2 default_server");
        c.Set($"server_name {topology.Edge.Host}");
        c.Set($"ssl_certificate {certificates}/cert.pem");
        c.Set($"ssl_certificate_key {certificates}/key.pem");
        c.Set("ssl_protocols TLSv1.2 TLSv1.3");
        c.Set($"ssl_ciphers {Ciphers}");
        c.Comment("Every listed cipher is strong, so let each client pick what is fastest for it (old phones: ChaCha20).");
        c.Set("ssl_prefer_server_ciphers off");
        c.Set("ssl_ecdh_curve X25519:prime256v1:secp384r1");
        c.Set("ssl_session_cache shared:SSL:10m");
        c.Set("ssl_session_timeout 10m");
        c.Comment("Ticket keys would never rotate while nginx runs, weakening forward secrecy.");
        c.Set("ssl_session_tickets off");
        c.Blank();
        c.Set("gzip on");
        c.Set("gzip_vary on");
        c.Set("gzip_proxied any");
        c.Set("gzip_comp_level 6");
        c.Set("gzip_buffers 16 8k");
        c.Set("gzip_http_version 1.1");
        c.Set($"gzip_types {string.Join(' ', GzipTypes)}");
        c.Blank();
        c.Comment("CHT pages must not be framed by other sites (clickjacking); CHT frames its own pages.");
        c.Set("add_header X-Frame-Options SAMEORIGIN always");
        c.Blank();
        c.Open("location /");
        c.Set($"set $api_upstream {upstream}");
        c.Set("proxy_pass $api_upstream");
        c.Set("proxy_set_header Host $host");
        c.Set("proxy_set_header X-Real-IP $remote_addr");
        c.Set("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for");
        c.Set("proxy_set_header X-Forwarded-Proto https");
        c.Set("proxy_set_header X-Forwarded-Host $host");
        c.Close();
        ErrorPageRules(c, errorPages, https);
        c.Close();
        c.Close();
        return c.ToString();
    }

    /// <summary>
    /// <c>https://host</c> plus the published HTTPS port when it is not 443: nginx listens on 443 inside
    /// its container and cannot know the host port, so the redirect has to carry it.
    /// </summary>
    private static string HttpsBase(EdgeSettings edge) =>
        edge.HttpsPort == Ports.Https ? "https://$host" : string.Create(CultureInfo.InvariantCulture, $"https://$host:{edge.HttpsPort}");

    private static void ErrorPageRules(ConfigWriter c, string directory, string https)
    {
        c.Blank();
        c.Comment("Errors nginx makes itself (api unreachable, body too large) as JSON or HTML by Accept;");
        c.Comment("api's own error responses pass through untouched.");
        foreach (var (code, status, _) in ErrorPages.All)
        {
            var keep = code == status ? "" : string.Create(CultureInfo.InvariantCulture, $"={status} ");
            c.Set(string.Create(CultureInfo.InvariantCulture, $"error_page {code} {keep}{ErrorPagesLocation}{code}.$error_extension"));
        }

        c.Comment("Plain HTTP sent to the HTTPS port: send the client to HTTPS instead of a 400.");
        c.Set($"error_page 497 =301 {https}$request_uri");
        c.Open($"location ^~ {ErrorPagesLocation}");
        c.Set("internal");
        c.Set($"alias {directory}/");
        c.Close();
    }

    private static string TlsNote(TlsSpec tls, TlsMode mode) => mode switch
    {
        TlsMode.SelfSigned => $"self-signed certificate for {tls.Host}, generated by chtctl.",
        TlsMode.Files => $"certificate {tls.CertificateFile} and key {tls.KeyFile}, copied by chtctl into the instance's certs directory.",
        TlsMode.Acme => $"ACME certificate for {tls.Host} from {tls.AcmeDirectory}, obtained over HTTP-01 on port 80.",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "the Compose edge terminates TLS itself"),
    };

    private static string MountPath<TVolume>(Component component)
        where TVolume : Volume => component.Mounts.Single(m => m.Volume is TVolume).Path;

    /// <summary>Writes nginx's block syntax with four-space indents.</summary>
    private sealed class ConfigWriter
    {
        private readonly StringBuilder _text = new();
        private int _depth;

        public void Line(string line) => _text.Append(' ', _depth * 4).Append(line).Append('\n');

        public void Set(string directive) => Line(directive + ";");

        public void Comment(string text) => Line("# " + text);

        public void Open(string block)
        {
            Line(block + " {");
            _depth++;
        }

        public void Close()
        {
            _depth--;
            Line("}");
        }

        public void Blank() => _text.Append('\n');

        public override string ToString() => _depth == 0 ? _text.ToString() : throw new InvalidOperationException("unclosed nginx block");
    }
}
