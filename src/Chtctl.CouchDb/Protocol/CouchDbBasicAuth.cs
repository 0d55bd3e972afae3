using System.Net.Http.Headers;
using System.Text;

namespace Chtctl.CouchDb.Protocol;

/// <summary>The admin's credentials as CouchDB takes them on a direct connection: HTTP Basic, UTF-8.</summary>
public static class CouchDbBasicAuth
{
    public static AuthenticationHeaderValue Header(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
