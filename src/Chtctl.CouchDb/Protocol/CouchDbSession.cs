namespace Chtctl.CouchDb.Protocol;

/// <summary>
/// Cookie login, for where a Basic Authorization header cannot reach CouchDB (the Kubernetes API server's service
/// proxy strips it). <c>POST /_session</c> with the name and password as a form answers 200 and
/// <c>Set-Cookie: AuthSession=…; Version=1; Expires=…; Max-Age=…; Path=/; HttpOnly</c>; a wrong password answers 401
/// with an empty <c>AuthSession=</c>. The cookie is signed with the instance's shared CouchDB secret, so one from any
/// node works on every node.
/// </summary>
public static class CouchDbSession
{
    /// <summary>The path, relative to a node's base address.</summary>
    public const string Path = "_session";

    private const string CookieName = "AuthSession";

    /// <summary>The login request's body.</summary>
    public static FormUrlEncodedContent LoginForm(string user, string password) =>
        new([new("name", user), new("password", password)]);

    /// <summary>
    /// The <c>Cookie</c> value to send back (<c>AuthSession=…</c>) from a login's <c>Set-Cookie</c> header; null
    /// when there is none or it is empty. Only the name=value pair goes back: the attributes are for browsers.
    /// </summary>
    public static string? CookieFrom(string? setCookie)
    {
        var pair = setCookie?.Split(';')[0].Trim();
        return pair is not null && pair.StartsWith(CookieName + "=", StringComparison.Ordinal) && pair.Length > CookieName.Length + 1
            ? pair
            : null;
    }
}
