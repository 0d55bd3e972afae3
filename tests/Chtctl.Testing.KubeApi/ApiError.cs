using System.Text.Json.Nodes;

namespace Chtctl.Testing.KubeApi;

/// <summary>An error the server answers with a <c>Status</c> object, as the real API server does.</summary>
public sealed class ApiError(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code => code;

    public JsonObject ToStatus() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = reason,
        ["details"] = details?.DeepClone(),
        ["code"] = code,
    };

    public static ApiError NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found",
            new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural });

    public static ApiError AlreadyExists(ApiResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedName} \"{name}\" already exists",
            new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural });

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);
}
