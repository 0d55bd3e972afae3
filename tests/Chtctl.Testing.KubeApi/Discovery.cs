using System.Text.Json.Nodes;

namespace Chtctl.Testing.KubeApi;

/// <summary>Discovery documents (<c>/apis</c>, <c>/api/v1</c>, <c>/apis/GROUP/VERSION</c>) for the resources served.</summary>
internal static class Discovery
{
    private static readonly string[] Verbs = ["create", "delete", "get", "list", "patch", "update"];

    public static JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. ApiResource.All.Where(r => r.Group.Length > 0).Select(r => r.Group).Append("authorization.k8s.io").Distinct()
            .Select(g => (JsonNode)new JsonObject
            {
                ["name"] = g,
                ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = $"{g}/v1", ["version"] = "v1" }),
                ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{g}/v1", ["version"] = "v1" },
            })]),
    };

    public static JsonObject Resources(string group, string version)
    {
        var resources = ApiResource.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (resources.Count == 0 && group != "authorization.k8s.io")
            throw new ApiError(404, "NotFound", "the server could not find the requested resource");
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Kind.ToLowerInvariant(),
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray([.. Verbs.Select(v => (JsonNode)v)]),
            })]),
        };
    }
}
