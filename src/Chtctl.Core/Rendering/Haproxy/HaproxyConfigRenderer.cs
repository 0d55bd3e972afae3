using System.Globalization;
using System.Text;
using Chtctl.Core.Topology;

namespace Chtctl.Core.Rendering.Haproxy;

/// <summary>
/// Renders <c>haproxy.cfg</c>: one front door to CouchDB with a server line per node, each checked by a
/// fast TCP check and by chtctl's health agent for that node alone (<c>agent-send</c>), so one node
/// restarting leaves rotation without taking the others with it. Credentials stay out of the file:
/// HAProxy reads <c>COUCHDB_USER</c> and <c>COUCHDB_PASSWORD</c> from its environment.
/// </summary>
public static class HaproxyConfigRenderer
{
    public const string Backend = "couchdb-servers";

    /// <summary>TCP check interval: with <see cref="FallCount"/> a dead node leaves rotation in about 1 s (target: under 2 s).</summary>
    public const int CheckIntervalMs = 500;
    public const int FallCount = 2;
    public const int AgentIntervalMs = 1000;

    /// <summary>Upstream's error codes, answered as JSON like CouchDB's own errors.</summary>
    private static readonly (int Code, string Error, string Reason)[] Errors =
    [
        (400, "bad_request", "Your browser (or proxy) sent a request that this server could not understand."),
        (401, "unauthorized", "You need a valid user and password to access this content."),
        (403, "forbidden", "Request forbidden by administrative rules."),
        (404, "not_found", "The resource could not be found."),
        (405, "method_not_allowed", "A request was made of a resource using a request method not supported by that resource."),
        (407, "proxy_authentication_required", "You need a valid user and password to access this content."),
        (408, "request_timeout", "Your browser didn't send a complete request in time."),
        (410, "gone", "The resource is no longer available."),
        (413, "payload_too_large", "The request is larger than the server is willing or able to process."),
        (421, "misdirected_request", "The request was directed at a server that is not able to produce a response."),
        (422, "unprocessable_entity", "The request was well-formed but could not be processed."),
        (425, "too_early", "The server is unwilling to risk processing a request that might be replayed."),
        (429, "too_many_requests", "You have sent too many requests in a given amount of time."),
        (500, "internal_server_error", "An internal server error occurred."),
        (501, "not_implemented", "The server does not support the functionality required to fulfill the request."),
        (502, "bad_gateway", "The server returned an invalid or incomplete response."),
        (503, "service_unavailable", "No server is available to handle this request."),
        (504, "gateway_timeout", "The server didn't respond in time."),
    ];

    public static string Render(InstanceTopology topology)
    {
        var agent = topology.Components.Single(c => c.Role == ComponentRole.HealthAgent);
        var b = new ConfigBuilder();
        b.Line($"# haproxy.cfg for CHT instance '{topology.Name}', rendered by chtctl. Changes here are replaced on the next `chtctl up`.");
        b.Line("# Credentials come from the environment (COUCHDB_USER, COUCHDB_PASSWORD), never from this file.");
        b.Blank();

        b.Section("global");
        // No global maxconn: HAProxy derives it from the file-descriptor limit it gets, which differs
        // between hosts; the frontend keeps upstream's 60000 ceiling.
        b.Set("spread-checks 5");
        b.Set("log stdout len 65535 format raw local2 info");
        b.Set("tune.bufsize 32768");
        b.Set("tune.buffers.limit 60000");
        b.Blank();

        // Re-resolve node addresses while running: a restarted container or pod gets a new address
        // and a stale one took whole instances down upstream (cht-core#9284).
        b.Section("resolvers instance_dns");
        b.Set("parse-resolv-conf");
        b.Set("resolve_retries 3");
        b.Set("timeout resolve 1s");
        b.Set("timeout retry 1s");
        b.Set("hold valid 10s");
        b.Set("hold obsolete 10s");
        b.Blank();

        b.Section("defaults");
        b.Set("mode http");
        b.Set("log global");
        b.Set("option http-ignore-probes");
        b.Set("option forwardfor");
        b.Set("option http-keep-alive");
        b.Set("option redispatch 1");
        b.Set("retries 5");
        b.Set("retry-on all-retryable-errors");
        // Long client and server timeouts as upstream: CouchDB feeds (_changes longpoll) stay open for hours.
        b.Set("timeout client 15000000");
        b.Set("timeout server 360000000");
        // Upstream waits 25 minutes to connect; a dead node must instead fail fast so the retry goes elsewhere.
        b.Set("timeout connect 5s");
        b.Set("timeout queue 30s");
        b.Set("timeout http-keep-alive 5m");
        b.Set("timeout check 2s");
        foreach (var (code, error, reason) in Errors)
            b.Set(HttpError(code, error, reason));
        b.Blank();

        b.Section("frontend http-in");
        b.Set($"bind :{Ports.Haproxy}");
        b.Set("maxconn 60000");
        b.Set($"monitor-uri {TopologyBuilder.HaproxyHealthPath}");
        b.Set($"monitor fail if {{ nbsrv({Backend}) lt 1 }}");
        b.Set("stats enable");
        b.Set("stats uri /haproxy?stats");
        b.Set("stats refresh 30s");
        b.Set("stats auth \"${COUCHDB_USER}:${COUCHDB_PASSWORD}\"");
        // x-medic-user names who made each request in the log: from Basic auth, else from CouchDB's
        // session cookie (userCtx holds the URL-encoded JSON of the user context).
        b.Set("http-request set-header x-medic-user %[http_auth_user] if { req.hdr(authorization) -m beg -i basic } !{ req.hdr(x-medic-user) -m found }");
        // Quotes are escaped twice: once for the config line, once for the converter's arguments.
        b.Set("""http-request set-header x-medic-user %[req.cook(userCtx),url_dec,regsub(^.*\\\"name\\\":\\\",),regsub(\\\".*$,)] if { req.cook(userCtx) -m found } !{ req.hdr(x-medic-user) -m found }""");
        b.Set("http-request capture req.hdr(x-medic-service) len 200");
        b.Set("http-request capture req.hdr(x-medic-user) len 200");
        b.Set("http-request capture req.hdr(user-agent) len 600");
        b.Set("http-request capture req.hdr(x-request-id) len 12");
        b.Set("declare capture response len 10");
        b.Set("http-response capture res.hdr(content-length) id 0");
        b.Set("log-format \"%ci,%s,%ST,%Ta,%Ti,%TR,%HM,%HU,%[capture.req.hdr(0)],%[capture.req.hdr(1)],%[capture.req.hdr(3)],%B,%Tr,%[capture.res.hdr(0)],'%[capture.req.hdr(2)]'\"");
        b.Set($"default_backend {Backend}");
        b.Blank();

        b.Section($"backend {Backend}");
        b.Set("balance leastconn");
        b.Set($"default-server check inter {CheckIntervalMs}ms fastinter {CheckIntervalMs}ms downinter {CheckIntervalMs}ms fall {FallCount} rise 2"
              + $" resolvers instance_dns resolve-prefer ipv4 init-addr last,libc,none");
        foreach (var (host, node) in topology.CouchDbHosts.Select((h, i) => (h, i + 1)))
        {
            var name = topology.Components.Single(c => c.Role == ComponentRole.CouchDb && c.CouchDbNode == node).Name;
            b.Set($"server {name} {host}:{Ports.CouchDb} agent-check agent-addr {agent.Name} agent-port {Ports.HealthAgent}"
                  + $" agent-inter {AgentIntervalMs}ms agent-send \"{name}\\n\"");
        }

        return b.ToString();
    }

    private static string HttpError(int code, string error, string reason) =>
        string.Create(CultureInfo.InvariantCulture,
            $"http-error status {code} content-type application/json hdr Cache-Control no-cache string '{{\"error\":\"{error}\",\"reason\":\"{reason.Replace("'", "", StringComparison.Ordinal)}\",\"server\":\"haproxy\"}}'");

    private sealed class ConfigBuilder
    {
        private readonly StringBuilder _text = new();

        public void Line(string line) => _text.Append(line).Append('\n');

        public void Section(string header) => Line(header);

        public void Set(string directive) => Line("    " + directive);

        public void Blank() => _text.Append('\n');

        public override string ToString() => _text.ToString();
    }
}
