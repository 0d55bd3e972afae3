using System.Text.Json.Nodes;

namespace Chtctl.Testing.KubeApi;

/// <summary>How the test cluster's Deployments behave after a write.</summary>
public enum RolloutBehaviour
{
    /// <summary>Pods start: status reports the new generation observed and every replica available.</summary>
    BecomesAvailable,

    /// <summary>Pods never become ready and the rollout exceeds its progress deadline, with a warning event.</summary>
    Fails,

    /// <summary>Nothing happens until the test sets the status.</summary>
    Stalls,
}

/// <summary>
/// Plays the Deployment controller (and the ReplicaSets and kubelets behind it) closely enough for waits:
/// it writes <c>status</c> through the status subresource after each change of a Deployment.
/// </summary>
public sealed class DeploymentController(ObjectStore store, TimeProvider clock)
{
    private readonly Dictionary<string, RolloutBehaviour> _behaviours = new(StringComparer.Ordinal);

    public RolloutBehaviour Default { get; set; } = RolloutBehaviour.BecomesAvailable;

    public void Set(string deployment, RolloutBehaviour behaviour)
    {
        lock (_behaviours)
            _behaviours[deployment] = behaviour;
    }

    public void OnWritten(JsonObject deployment)
    {
        var name = deployment["metadata"]!["name"]!.GetValue<string>();
        var ns = deployment["metadata"]!["namespace"]!.GetValue<string>();
        RolloutBehaviour behaviour;
        lock (_behaviours)
            behaviour = _behaviours.GetValueOrDefault(name, Default);
        if (behaviour == RolloutBehaviour.Stalls)
            return;
        var generation = deployment["metadata"]!["generation"]!.GetValue<long>();
        var replicas = deployment["spec"]?["replicas"]?.GetValue<long>() ?? 1;
        var resource = ApiResource.ForKind("Deployment");
        var now = clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        if (behaviour == RolloutBehaviour.BecomesAvailable)
        {
            store.SetStatus(resource, ns, name, Available(generation, replicas, now));
            return;
        }
        store.SetStatus(resource, ns, name, new JsonObject
        {
            ["observedGeneration"] = generation,
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["unavailableReplicas"] = replicas,
            ["conditions"] = new JsonArray(
                Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now),
                Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{name}-7d4b9c\" has timed out progressing.", now)),
        });
        var pod = $"{name}-7d4b9c-x2k8p";
        store.Apply(ApiResource.ForKind("Event"), ns, $"{pod}.{generation}", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = $"{pod}.{generation}", ["namespace"] = ns },
            ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["name"] = pod, ["namespace"] = ns },
            ["type"] = "Warning",
            ["reason"] = "BackOff",
            ["message"] = "Back-off restarting failed container",
            ["lastTimestamp"] = now,
        }, "kubelet", force: true, dryRun: false);
    }

    public static JsonObject Available(long generation, long replicas, string now) => new()
    {
        ["observedGeneration"] = generation,
        ["replicas"] = replicas,
        ["updatedReplicas"] = replicas,
        ["readyReplicas"] = replicas,
        ["availableReplicas"] = replicas,
        ["conditions"] = new JsonArray(
            Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now),
            Condition("Progressing", "True", "NewReplicaSetAvailable", "ReplicaSet has successfully progressed.", now)),
    };

    private static JsonObject Condition(string type, string status, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = message,
        ["lastUpdateTime"] = now,
        ["lastTransitionTime"] = now,
    };
}
