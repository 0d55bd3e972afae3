using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>One Deployment per pod, with Medic's names; one replica each, as CHT runs one of everything.</summary>
internal static class DeploymentBuilder
{
    /// <summary>The start wave (<see cref="Waves"/>): the driver applies and waits for one wave before the next.</summary>
    public const string WaveAnnotation = "chtctl/wave";

    /// <summary>
    /// Hash of the rendered files a pod mounts. They are mounted with subPath, which Kubernetes never refreshes,
    /// so a changed file must change the pod template to reach the pod.
    /// </summary>
    public const string ConfigHashAnnotation = "chtctl/config-sha256";

    public static V1Deployment Build(InstanceTopology topology, PodGroup pod, IReadOnlyDictionary<string, string> renderedFiles)
    {
        var main = pod.Main;
        var wave = new Dictionary<string, string> { [WaveAnnotation] = main.Wave.ToString(CultureInfo.InvariantCulture) };
        return new V1Deployment
        {
            ApiVersion = TypeMeta.ApiVersion(V1Deployment.KubeGroup, V1Deployment.KubeApiVersion),
            Kind = V1Deployment.KubeKind,
            Metadata = ObjectMeta.ForComponent(topology, ObjectNames.Deployment(main), main, wave),
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = ObjectLabels.Selector(topology, main.Name) },
                Strategy = StrategyOf(main.Role),
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = ObjectLabels.Stable(topology, main.Name, ObjectLabels.ComponentOf(main.Role)),
                        Annotations = ConfigHash(pod, renderedFiles),
                    },
                    Spec = PodSpec(topology, pod),
                },
            },
        };
    }

    private static V1PodSpec PodSpec(InstanceTopology topology, PodGroup pod)
    {
        var main = pod.Main;
        var upgradeService = main.Role == ComponentRole.UpgradeService;
        return new V1PodSpec
        {
            Containers = pod.Containers.Select(c => ContainerMapper.Map(topology, c)).ToList(),
            Volumes = PodVolumes.VolumesOf(topology, pod),
            NodeSelector = PinnedMachine(topology, main) is { } machine
                ? new SortedDictionary<string, string>(StringComparer.Ordinal) { [ObjectLabels.MachineHostname] = machine }
                : null,
            // A CouchDB pod's host name is its node's Service name, so what the pod calls itself matches the
            // Erlang node name (couchdb@couchdb-N.<ns>.svc.cluster.local), which resolves through that Service.
            Hostname = main.Role == ComponentRole.CouchDb ? main.Name : null,
            // Kubernetes would inject Docker-link variables for every Service (API_PORT=tcp://10.x:5988,
            // HEALTHCHECK_PORT=…, UPGRADE_SERVICE_PORT=…), colliding with the names CHT itself reads.
            EnableServiceLinks = false,
            // Only the upgrade service talks to the Kubernetes API; no other pod gets a token to steal.
            ServiceAccountName = upgradeService ? ObjectNames.UpgradeServiceAccount : null,
            AutomountServiceAccountToken = upgradeService,
        };
    }

    /// <summary>The machine a CouchDB node is pinned to (its volume may live only there), or null.</summary>
    private static string? PinnedMachine(InstanceTopology topology, Component main)
    {
        var pinning = topology.Spec.Kubernetes.Pinning;
        return main.CouchDbNode is { } node && pinning.Count >= node ? pinning[node - 1] : null;
    }

    private static V1DeploymentStrategy StrategyOf(ComponentRole role) => role switch
    {
        // A ReadWriteOnce volume cannot follow a new pod to another machine while the old one holds it, and two
        // CouchDBs must never share one data directory: stop the old pod first.
        ComponentRole.CouchDb => new V1DeploymentStrategy { Type = "Recreate" },
        // Two sentinels would process the same changes twice.
        ComponentRole.Sentinel => new V1DeploymentStrategy { Type = "Recreate" },
        // Stateless: the new pod is ready before the old one leaves, so a config change costs no downtime.
        ComponentRole.Haproxy or ComponentRole.HealthAgent => RollingUpdate(maxSurge: 1, maxUnavailable: 0),
        // Medic's chart: never two api (start-up migrations) or two upgrade services at once.
        _ => RollingUpdate(maxSurge: 0, maxUnavailable: 1),
    };

    private static V1DeploymentStrategy RollingUpdate(int maxSurge, int maxUnavailable) => new()
    {
        Type = "RollingUpdate",
        RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = maxSurge, MaxUnavailable = maxUnavailable },
    };

    private static SortedDictionary<string, string>? ConfigHash(PodGroup pod, IReadOnlyDictionary<string, string> renderedFiles)
    {
        var files = PodVolumes.ConfigFilesOf(pod).ToArray();
        if (files.Length == 0)
            return null;
        var text = new StringBuilder();
        foreach (var file in files)
            text.Append(file).Append('\0').Append(renderedFiles[file]).Append('\0');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return new SortedDictionary<string, string>(StringComparer.Ordinal) { [ConfigHashAnnotation] = hash };
    }
}
