using Chtctl.Core.Secrets;
using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// Secret <c>cht-couchdb-credentials</c> (Medic's name and keys): the only object that holds secret values.
/// Containers reference its keys; nothing else in the rendered output contains them.
/// </summary>
internal static class CredentialsSecret
{
    public static V1Secret Build(InstanceTopology topology, InstanceSecrets secrets)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            // Not secret, but Medic's Secret carries it and operators read the user name from there.
            ["COUCHDB_USER"] = topology.Spec.Couchdb.User,
        };
        foreach (var key in UsedKeys(topology))
            data[key.EnvName()] = secrets.Get(key);

        return new V1Secret
        {
            ApiVersion = V1Secret.KubeApiVersion,
            Kind = V1Secret.KubeKind,
            Metadata = ObjectMeta.Namespaced(topology, ObjectNames.CredentialsSecret, "couchdb", "credentials"),
            Type = "Opaque",
            // stringData keeps a rendered tree readable and diffable; the API server stores it as data.
            StringData = data,
        };
    }

    /// <summary>The secret keys any container refers to: the Erlang cookie only appears in a cluster.</summary>
    private static IEnumerable<SecretKey> UsedKeys(InstanceTopology topology) =>
        topology.Components.SelectMany(c => c.Env).Select(e => e.Value switch
            {
                EnvValue.Secret s => s.Key.Key,
                EnvValue.SecretTemplate t => t.Key.Key,
                _ => (SecretKey?)null,
            })
            .OfType<SecretKey>()
            .Distinct();
}
