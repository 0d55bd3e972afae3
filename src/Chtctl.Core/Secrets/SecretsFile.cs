using System.Text;

namespace Chtctl.Core.Secrets;

/// <summary>
/// The text format of a secrets file: <c>KEY=value</c> lines with the same names as the environment
/// variables, so an operator can read it with the tools they already use for <c>.env</c> files.
/// </summary>
public static class SecretsFile
{
    public static string Format(InstanceSecrets secrets)
    {
        var text = new StringBuilder("# chtctl instance secrets. Keep this file private (mode 0600); it is needed to restore the instance.\n");
        foreach (var (key, value) in secrets.All)
            text.Append(key.EnvName()).Append('=').Append(value).Append('\n');
        return text.ToString();
    }

    public static InstanceSecrets? Parse(string text)
    {
        var values = new Dictionary<SecretKey, string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && SecretKeyNames.FromEnvName(line[..eq]) is { } key)
                values[key] = line[(eq + 1)..];
        }

        if (values.Count == 0)
            return null;
        // Never fill gaps with fresh values here: a new password would lock api out of an existing CouchDB.
        var missing = Enum.GetValues<SecretKey>().Where(k => !values.ContainsKey(k)).Select(k => k.EnvName()).ToArray();
        if (missing.Length > 0)
            throw new FormatException($"the secrets file lacks {string.Join(", ", missing)}; restore it from a backup of the instance home");
        return new InstanceSecrets(values[SecretKey.CouchDbPassword], values[SecretKey.CouchDbSecret], values[SecretKey.CouchDbUuid], values[SecretKey.ErlangCookie]);
    }
}
