using System.Net;
using System.Text;
using System.Web;

namespace Chtctl.Testing;

/// <summary>
/// A CouchDB node (and CHT api) as the service proxy reaches it, on 127.0.0.1: <c>POST /_session</c> logs the
/// admin in and sets an <c>AuthSession</c> cookie; <c>/_up</c> and <c>/_membership</c> need that cookie (or
/// Basic auth); <c>/setup/poll</c> is open, as on the api. Answers are settable while it runs.
/// </summary>
public sealed class CouchDbBackend : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<(string User, string Password)?> _credentials;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly Task _loop;

    /// <param name="credentials">The admin's name and password, read when a request comes (they may be generated later).</param>
    public CouchDbBackend(Func<(string User, string Password)?> credentials)
    {
        _credentials = credentials;
        var port = FreePorts.Loopback();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>The <c>/_membership</c> answer; null answers with all_nodes and cluster_nodes empty.</summary>
    public string? Membership { get; set; }

    /// <summary>The status <c>/_up</c> answers (200 when up).</summary>
    public int UpStatus { get; set; } = 200;

    /// <summary>Every request as <c>METHOD path</c>, with <c>+authorization</c> when an Authorization header arrived.</summary>
    public List<string> Requests { get; } = [];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var request = context.Request;
            var path = request.Url!.AbsolutePath;
            lock (Requests)
                Requests.Add($"{request.HttpMethod} {path}{(request.Headers["Authorization"] is null ? "" : " +authorization")}");
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var (status, answer) = Answer(request, path, body, context.Response);
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private (int Status, string Body) Answer(HttpListenerRequest request, string path, string body, HttpListenerResponse response)
    {
        const string unauthorized = """{"error":"unauthorized","reason":"You are not authorized to access this db."}""";
        if (path == "/setup/poll")
            return (200, """{"version":"4.22.0","ready":true,"handler":"ChtApi"}""");
        var credentials = _credentials();
        if (request.HttpMethod == "POST" && path == "/_session")
        {
            var form = HttpUtility.ParseQueryString(body);
            if (credentials is not { } c || form["name"] != c.User || form["password"] != c.Password)
                return (401, """{"error":"unauthorized","reason":"Name or password is incorrect."}""");
            response.AppendHeader("Set-Cookie", $"AuthSession={_session}; Version=1; Path=/; HttpOnly");
            return (200, $$"""{"ok":true,"name":"{{c.User}}","roles":["_admin"]}""");
        }
        var basic = credentials is { } b ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{b.User}:{b.Password}")) : null;
        if (request.Cookies["AuthSession"]?.Value != _session && (basic is null || request.Headers["Authorization"] != basic))
            return (401, unauthorized);
        return path switch
        {
            "/_up" => (UpStatus, UpStatus == 200 ? """{"status":"ok","seeds":{}}""" : """{"status":"maintenance_mode"}"""),
            "/_membership" => (200, Membership ?? """{"all_nodes":[],"cluster_nodes":[]}"""),
            _ => (404, """{"error":"not_found","reason":"missing"}"""),
        };
    }

    /// <summary>A <c>/_membership</c> answer listing <paramref name="all"/> and <paramref name="cluster"/> node names.</summary>
    public static string MembershipOf(IEnumerable<string> all, IEnumerable<string> cluster) =>
        $$"""{"all_nodes":[{{string.Join(',', all.Select(n => $"\"{n}\""))}}],"cluster_nodes":[{{string.Join(',', cluster.Select(n => $"\"{n}\""))}}]}""";

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}
