namespace Chtctl.Services.UpgradeService;

/// <summary>
/// The container names CHT api sends (the staging document's <c>tags</c>: <c>cht-&lt;service&gt;</c>, one per
/// image, cht-hosting.md §2 and §6) and whether each decides the CHT version. api, sentinel, CouchDB and Nouveau
/// images carry the release; Medic's haproxy, healthcheck and nginx are replaced by chtctl's own components, so
/// they are accepted and answered ok (api counts any ok as success) but their tags decide nothing.
/// </summary>
internal static class ChtContainers
{
    private static readonly Dictionary<string, bool> Decides = new(StringComparer.Ordinal)
    {
        ["cht-api"] = true,
        ["cht-sentinel"] = true,
        ["cht-couchdb"] = true,
        ["cht-couchdb-nouveau"] = true,
        ["cht-haproxy"] = false,
        ["cht-haproxy-healthcheck"] = false,
        ["cht-nginx"] = false,
    };

    public static IEnumerable<string> Known => Decides.Keys.Order(StringComparer.Ordinal);

    public static bool IsKnown(string name) => Decides.ContainsKey(name);

    public static bool DecidesVersion(string name) => Decides.GetValueOrDefault(name);

    /// <summary>Each container runs the image repository of the same name (<c>cht-api</c> runs <c>&lt;registry&gt;/cht-api</c>).</summary>
    public static string RepositoryOf(string name) => name;
}
