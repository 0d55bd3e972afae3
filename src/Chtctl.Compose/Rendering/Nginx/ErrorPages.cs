using System.Globalization;

namespace Chtctl.Compose.Rendering.Nginx;

/// <summary>
/// The bodies nginx sends for errors it produces itself (api down, body too large, bad request), as JSON
/// for clients asking for <c>application/json</c> (CHT's apps and sync) and as HTML for browsers. Texts
/// are upstream's, so clients that parse them keep working.
/// </summary>
internal static class ErrorPages
{
    /// <summary>
    /// Status code, the code nginx answers with, and the text. 494–496 are nginx's internal codes for
    /// malformed requests and go out as 400, as nginx itself does.
    /// </summary>
    public static IReadOnlyList<(int Code, int Status, string Text)> All { get; } =
    [
        (400, 400, "400 Bad Request"),
        (401, 401, "401 Authorization Required"),
        (402, 402, "402 Payment Required"),
        (403, 403, "403 Forbidden"),
        (404, 404, "404 Not Found"),
        (405, 405, "405 Not Allowed"),
        (406, 406, "406 Not Acceptable"),
        (408, 408, "408 Request Time-out"),
        (409, 409, "409 Conflict"),
        (410, 410, "410 Gone"),
        (411, 411, "411 Length Required"),
        (412, 412, "412 Precondition Failed"),
        (413, 413, "413 Request Entity Too Large"),
        (414, 414, "414 Request-URI Too Large"),
        (415, 415, "415 Unsupported Media Type"),
        (416, 416, "416 Requested Range Not Satisfiable"),
        (421, 421, "421 Misdirected Request"),
        (429, 429, "429 Too Many Requests"),
        (494, 400, "400 Bad Request - Request Header Or Cookie Too Large"),
        (495, 400, "400 Bad Request - The SSL certificate error"),
        (496, 400, "400 Bad Request - No required SSL certificate was sent"),
        (500, 500, "500 Internal Server Error"),
        (501, 501, "501 Not Implemented"),
        (502, 502, "502 Bad Gateway"),
        (503, 503, "503 Service Temporarily Unavailable"),
        (504, 504, "504 Gateway Time-out"),
        (505, 505, "505 HTTP Version Not Supported"),
        (507, 507, "507 Insufficient Storage"),
    ];

    public static string FileName(int code, string extension) => string.Create(CultureInfo.InvariantCulture, $"{code}.{extension}");

    /// <summary>Every page as (file name, content), JSON then HTML per code.</summary>
    public static IEnumerable<(string FileName, string Content)> Files()
    {
        foreach (var (code, _, text) in All)
        {
            yield return (FileName(code, "json"), Json(text));
            yield return (FileName(code, "html"), Html(text));
        }
    }

    // Texts are fixed ASCII without quotes or markup, so neither body needs escaping.
    private static string Json(string text) => $"{{\"type\":\"ERROR\",\"error\":\"{text}\",\"server\":\"nginx\"}}\n";

    private static string Html(string text) =>
        $"""
        <!DOCTYPE html>
        <html>
        <head><title>{text}</title></head>
        <body>
        <center><h1>{text}</h1></center>
        <hr><center>nginx</center>
        </body>
        </html>

        """.ReplaceLineEndings("\n");
}
