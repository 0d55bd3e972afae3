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

    private readonly List<string> _failingImages = [];

    /// <summary>
    /// Rollouts of any Deployment whose pod template runs <paramref name="image"/> fail, others follow their
    /// behaviour: a broken release, while going back to the previous images works.
    /// </summary>
    public void FailImage(string image)
    {
        lock (_behaviours)
            _failingImages.Add(image);
    }

    public void OnWritten(JsonObject deployment)
    {
        var name = deployment["metadata"]!["name"]!.GetValue<string>();
        var ns = deployment["metadata"]!["namespace"]!.GetValue<string>();
        var images = deployment["spec"]?["template"]?["spec"]?["containers"]?.AsArray().Select(c => c?["image"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
        RolloutBehaviour behaviour;
        lock (_behaviours)
            behaviour = images.Any(_failingImages.Contains) ? RolloutBehaviour.Fails : _behaviours.GetValueOrDefault(name, Default);
        if (behaviour == RolloutBehaviour.Stalls)
            return;
        var generation = deployment["metadata"]!["generation"]!.GetValue<long>();
        var replicas = deployment["spec"]?["replicas"]?.GetValue<long>() ?? 1;
        var resource = ApiResource.ForKind("Deployment");
        var now = clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        if (behaviour == RolloutBehaviour.BecomesAvailable)
        {
            store.SetStatus(resource, ns, name, Available(generation, replicas, now));
            RunPod(deployment, ready: true, restarts: 0);
            return;
        }
        RunPod(deployment, ready: false, restarts: 4);
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
        var pod = PodName(name);
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

    /// <summary>The one pod the test cluster runs for a Deployment (its ReplicaSet and kubelet in one step).</summary>
    public static string PodName(string deployment) => $"{deployment}-7d4b9c-x2k8p";

    private void RunPod(JsonObject deployment, bool ready, int restarts)
    {
        var name = deployment["metadata"]!["name"]!.GetValue<string>();
        var ns = deployment["metadata"]!["namespace"]!.GetValue<string>();
        var template = deployment["spec"]?["template"];
        var containers = template?["spec"]?["containers"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = PodName(name),
                ["namespace"] = ns,
                ["labels"] = template?["metadata"]?["labels"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray([.. containers.Select(c => c.DeepClone())]) },
        };
        var resource = ApiResource.ForKind("Pod");
        store.Apply(resource, ns, PodName(name), pod, "kube-controller-manager", force: true, dryRun: false);
        store.SetStatus(resource, ns, PodName(name), new JsonObject
        {
            ["phase"] = ready ? "Running" : "Pending",
            ["containerStatuses"] = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c["name"]!.GetValue<string>(),
                ["image"] = c["image"]?.GetValue<string>(),
                ["ready"] = ready,
                ["restartCount"] = restarts,
                ["state"] = ready
                    ? new JsonObject { ["running"] = new JsonObject() }
                    : new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = "back-off 40s restarting failed container" } },
            })]),
        });
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
