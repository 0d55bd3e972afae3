using System.Net;
using System.Text.Json.Nodes;

namespace Chtctl.Kubernetes.Driver;

/// <summary>The API server answered with an error; <see cref="Status"/> is its <c>Status</c> object when it sent one.</summary>
public sealed class KubeApiException(HttpStatusCode code, string method, string path, JsonObject? status)
    : Exception($"{method} {path}: {(int)code} {status?["message"]?.GetValue<string>() ?? code.ToString()}")
{
    public HttpStatusCode Code { get; } = code;

    public JsonObject? Status { get; } = status;

    public string Reason => Status?["reason"]?.GetValue<string>() ?? Code.ToString();

    public string ServerMessage => Status?["message"]?.GetValue<string>() ?? Code.ToString();
}

/// <summary>The cluster could not be reached at all (connection refused, DNS, TLS).</summary>
public sealed class ClusterUnreachableException(string message, Exception inner) : Exception(message, inner);
