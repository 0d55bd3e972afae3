using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Chtctl.CouchDb.Protocol;

namespace Chtctl.CouchDb.Sizes;

/// <summary>CouchDB answered something other than what the sizes client needs (status, or a body of another shape).</summary>
public sealed class CouchDbSizesException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads how much disk CouchDB uses, database by database: <c>GET /_all_dbs</c>, then per database
/// <c>GET /{db}</c> (<c>sizes.file/active/external</c>), <c>GET /{db}/_design_docs</c> and per design document
/// <c>GET /{db}/_design/{ddoc}/_info</c> (<c>view_index.sizes.file/active</c>). Admin Basic auth, since
/// <c>_all_dbs</c> and the user databases need it. Nouveau/search indexes are not counted.
/// </summary>
public sealed class CouchDbSizesClient
{
    /// <summary>CHT instances have a meta database per user (thousands): a few requests at a time, not one, not all.</summary>
    private const int Parallelism = 4;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly AuthenticationHeaderValue _auth;

    public CouchDbSizesClient(HttpClient http, Uri couchDbUrl, string user, string password)
    {
        ArgumentNullException.ThrowIfNull(couchDbUrl);
        _http = http;
        _base = couchDbUrl.AbsoluteUri.EndsWith('/') ? couchDbUrl : new Uri(couchDbUrl.AbsoluteUri + "/");
        _auth = CouchDbBasicAuth.Header(user, password);
    }

    /// <summary>
    /// Count a database or view index whose answer has no sizes as 0 and name it in <see cref="CouchDbSizes.Missing"/>,
    /// instead of failing: a CouchDB-compatible server (PouchDB) may not report them, and the caller says so.
    /// </summary>
    public bool TolerateMissingSizes { get; init; }

    private readonly List<string> _missing = [];

    public async Task<CouchDbSizes> ReadAsync(CancellationToken cancellationToken)
    {
        using var all = await GetAsync("_all_dbs", cancellationToken).ConfigureAwait(false)
            ?? throw new CouchDbSizesException($"{_base}_all_dbs was not found: is this CouchDB?");
        var names = all.RootElement.ValueKind == JsonValueKind.Array
            ? all.RootElement.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList()
            : throw new CouchDbSizesException("_all_dbs did not answer a list of database names");

        var databases = new List<DatabaseSize>(names.Count);
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (name, token) =>
            {
                // A database deleted between the listing and now (a user removed) is simply not counted.
                if (await ReadDatabaseAsync(name, token).ConfigureAwait(false) is { } size)
                {
                    lock (databases)
                        databases.Add(size);
                }
            }).ConfigureAwait(false);
        databases.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        List<string> missing;
        lock (_missing)
        {
            missing = [.. _missing.Order(StringComparer.Ordinal)];
            _missing.Clear();
        }
        return new CouchDbSizes(databases) { Missing = missing };
    }

    private async Task<DatabaseSize?> ReadDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        var db = Uri.EscapeDataString(name);
        using var info = await GetAsync(db, cancellationToken).ConfigureAwait(false);
        if (info is null)
            return null;
        var sizes = SizesOrMissing(info.RootElement, $"GET /{name}", "sizes");

        var views = new List<ViewIndexSize>();
        using var designDocs = await GetAsync($"{db}/_design_docs", cancellationToken).ConfigureAwait(false);
        if (designDocs is not null)
        {
            foreach (var row in Property(designDocs.RootElement, "rows", $"GET /{name}/_design_docs").EnumerateArray())
            {
                if (row.TryGetProperty("id", out var id) && id.GetString() is { } docId && docId.StartsWith("_design/", StringComparison.Ordinal))
                {
                    var ddoc = docId["_design/".Length..];
                    using var ddocInfo = await GetAsync($"{db}/_design/{Uri.EscapeDataString(ddoc)}/_info", cancellationToken).ConfigureAwait(false);
                    if (ddocInfo is null)
                        continue;
                    var where = $"GET /{name}/_design/{ddoc}/_info";
                    var viewSizes = SizesOrMissing(ddocInfo.RootElement, where, "view_index", "sizes");
                    views.Add(new ViewIndexSize(ddoc, Number(viewSizes, "file"), Number(viewSizes, "active")));
                }
            }
        }

        return new DatabaseSize(name, Number(sizes, "file"), Number(sizes, "active"), Number(sizes, "external"), views);
    }

    /// <summary>The JSON body, or null on 404; anything else but 200 is an error naming the path.</summary>
    private async Task<JsonDocument?> GetAsync(string relative, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, relative));
        request.Headers.Authorization = _auth;
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new CouchDbSizesException($"CouchDB refused the admin credentials for /{relative} ({(int)response.StatusCode}): check COUCHDB_USER / COUCHDB_PASSWORD");
        if (!response.IsSuccessStatusCode)
            throw new CouchDbSizesException($"CouchDB answered {(int)response.StatusCode} for /{relative}");
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new CouchDbSizesException($"CouchDB's answer for /{relative} is not JSON", e);
            }
        }
    }

    /// <summary>The nested object at <paramref name="path"/>; when absent and tolerated, an empty object (every size 0).</summary>
    private JsonElement SizesOrMissing(JsonElement root, string where, params string[] path)
    {
        var current = root;
        foreach (var name in path)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var value))
            {
                current = value;
                continue;
            }
            if (!TolerateMissingSizes)
                return Property(current, name, where);
            lock (_missing)
                _missing.Add(where);
            return EmptyObject.RootElement;
        }
        return current;
    }

    private static readonly JsonDocument EmptyObject = JsonDocument.Parse("{}");

    private static JsonElement Property(JsonElement element, string name, string where) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new CouchDbSizesException($"{where}: the answer has no '{name}' (CouchDB 2.x or later reports it)");

    /// <summary>A size; absent or null counts as 0 (CouchDB reports null for an index never built).</summary>
    private static long Number(JsonElement sizes, string name) =>
        sizes.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
