using Chtctl.Core.Topology;
using k8s;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// What the upgrade service may do, in its own namespace only (Medic's names): change the images of the
/// instance's Deployments and watch its pods, plus keep the instance's history in Secrets and ConfigMaps.
/// </summary>
internal static class UpgradeServiceAccess
{
    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(InstanceTopology topology)
    {
        var upgradeService = topology.ByRole(ComponentRole.UpgradeService).SingleOrDefault();
        if (upgradeService is null)
            return [];

        var account = new V1ServiceAccount
        {
            ApiVersion = V1ServiceAccount.KubeApiVersion,
            Kind = V1ServiceAccount.KubeKind,
            Metadata = ObjectMeta.ForComponent(topology, ObjectNames.UpgradeServiceAccount, upgradeService),
        };
        var role = new V1Role
        {
            ApiVersion = TypeMeta.ApiVersion(V1Role.KubeGroup, V1Role.KubeApiVersion),
            Kind = V1Role.KubeKind,
            Metadata = ObjectMeta.ForComponent(topology, ObjectNames.UpgradeRole, upgradeService),
            Rules =
            [
                Rule("", ["configmaps", "secrets"], ["create", "get", "list", "patch", "update"]),
                Rule("", ["pods"], ["get", "list", "watch"]),
                Rule("apps", ["deployments"], ["get", "list", "patch", "update", "watch"]),
            ],
        };
        var binding = new V1RoleBinding
        {
            ApiVersion = TypeMeta.ApiVersion(V1RoleBinding.KubeGroup, V1RoleBinding.KubeApiVersion),
            Kind = V1RoleBinding.KubeKind,
            Metadata = ObjectMeta.ForComponent(topology, ObjectNames.UpgradeRoleBinding, upgradeService),
            RoleRef = new V1RoleRef { ApiGroup = V1Role.KubeGroup, Kind = V1Role.KubeKind, Name = ObjectNames.UpgradeRole },
            Subjects = [new Rbacv1Subject { Kind = V1ServiceAccount.KubeKind, Name = ObjectNames.UpgradeServiceAccount, NamespaceProperty = topology.Namespace }],
        };
        return [account, role, binding];
    }

    private static V1PolicyRule Rule(string apiGroup, IList<string> resources, IList<string> verbs) =>
        new() { ApiGroups = [apiGroup], Resources = resources, Verbs = verbs };
}
