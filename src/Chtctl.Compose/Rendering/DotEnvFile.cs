using System.Text;
using System.Text.RegularExpressions;
using Chtctl.Core.Secrets;
using Chtctl.Core.Topology;

namespace Chtctl.Compose.Rendering;

/// <summary>
/// The project's <c>.env</c>: the only rendered file holding secret values (written 0600). Compose reads it
/// for interpolation, and operators can source it for <c>curl -u "$COUCHDB_USER:$COUCHDB_PASSWORD"</c>.
/// <c>COMPOSE_PROJECT_NAME</c> pins the project name, so <c>docker compose</c> run in this directory by
/// hand, by chtctl or by the upgrade service always addresses the same containers.
/// </summary>
internal static partial class DotEnvFile
{
    public static string Render(InstanceTopology topology, InstanceSecrets secrets)
    {
        var text = new StringBuilder();
        text.Append("# Compose variables for CHT instance '").Append(topology.Name).Append("', rendered by chtctl from the instance's secrets.env.\n");
        text.Append("# Private (mode 0600): it holds the CouchDB credentials. Changes here are replaced on the next `chtctl up`.\n");
        Append(text, "COMPOSE_PROJECT_NAME", topology.Name);
        Append(text, "COUCHDB_USER", topology.Spec.Couchdb.User);
        foreach (var key in ReferencedSecrets(topology))
            Append(text, key.EnvName(), secrets.Get(key));
        return text.ToString();
    }

    /// <summary>The secrets some component's environment refers to, in a fixed order.</summary>
    public static IReadOnlyList<SecretKey> ReferencedSecrets(InstanceTopology topology) =>
        topology.Components.SelectMany(c => c.Env).Select(e => e.Value switch
            {
                EnvValue.Secret s => s.Key.Key,
                EnvValue.SecretTemplate t => t.Key.Key,
                _ => (SecretKey?)null,
            })
            .OfType<SecretKey>().Distinct().Order().ToArray();

    /// <summary>
    /// Writes one line both Compose v1 (python-dotenv) and v2 read the same way: bare when the value has
    /// nothing either could interpret, else single-quoted, which both take literally (no <c>$</c> expansion).
    /// </summary>
    private static void Append(StringBuilder text, string name, string value)
    {
        string line;
        if (Bare().IsMatch(value))
            line = value;
        else if (!value.Contains('\'', StringComparison.Ordinal) && !value.Any(char.IsControl))
            line = $"'{value}'";
        else
            throw new ArgumentException($"{name} holds a quote or control character, which a .env file cannot carry the same way for every Compose version; change the value in the instance's secrets");
        text.Append(name).Append('=').Append(line).Append('\n');
    }

    [GeneratedRegex("^[A-Za-z0-9_.,:/@+<>%=-]*$")]
    private static partial Regex Bare();
}
