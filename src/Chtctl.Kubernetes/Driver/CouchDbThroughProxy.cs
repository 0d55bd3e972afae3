using System.Net;
using Chtctl.CouchDb.Protocol;

namespace Chtctl.Kubernetes.Driver;

/// <summary>
/// Asks CouchDB (a node's Service, or HAProxy in front of the nodes) through the API server's service proxy.
/// The API server removes the Authorization header once it has authenticated chtctl, so Basic auth cannot reach
/// CouchDB this way: chtctl logs in with the admin's name and password (<c>POST /_session</c>) and sends the
/// session cookie, which every node accepts because they share the instance's CouchDB secret.
/// </summary>
public sealed class CouchDbThroughProxy(KubeApi api, string ns, CouchDbAdmin admin)
{
    public const int Port = 5984;

    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>GET of a path on a Service's port 5984 with the admin's session; logs in again once if the session lapsed.</summary>
    public async Task<ProxyAnswer> GetAsync(string service, string path, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!_cookies.TryGetValue(service, out var cookie))
            {
                var login = await LoginAsync(service, cancellationToken).ConfigureAwait(false);
                if (login.Cookie is null)
                    return login.Answer;
                cookie = _cookies[service] = login.Cookie;
            }
            var answer = await api.ProxyAsync(HttpMethod.Get, ns, service, Port, path, null, cookie, cancellationToken).ConfigureAwait(false);
            if (answer.Status != HttpStatusCode.Unauthorized || attempt > 0)
                return answer;
            _cookies.Remove(service);
        }
    }

    private async Task<(ProxyAnswer Answer, string? Cookie)> LoginAsync(string service, CancellationToken cancellationToken)
    {
        using var form = CouchDbSession.LoginForm(admin.User, admin.Password);
        var answer = await api.ProxyAsync(HttpMethod.Post, ns, service, Port, CouchDbSession.Path, form, null, cancellationToken).ConfigureAwait(false);
        var cookie = answer.Ok ? CouchDbSession.CookieFrom(answer.SetCookie) : null;
        return cookie is null && answer.Ok
            ? (answer with { Status = HttpStatusCode.Unauthorized, Body = "login answered without a session cookie" }, null)
            : (answer, cookie);
    }
}
