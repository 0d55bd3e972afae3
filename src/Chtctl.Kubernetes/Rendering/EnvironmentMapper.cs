using Chtctl.Core.Topology;
using k8s.Models;

namespace Chtctl.Kubernetes.Rendering;

/// <summary>
/// A component's environment as container env. Secrets are <c>secretKeyRef</c>s into the credentials
/// Secret; values built around a secret (<c>COUCH_URL</c>) use Kubernetes' dependent-variable syntax
/// <c>$(COUCHDB_PASSWORD)</c>, so no secret value is ever written outside the Secret object.
/// </summary>
internal static class EnvironmentMapper
{
    public static IList<V1EnvVar> Map(IReadOnlyList<EnvVar> environment)
    {
        var result = new List<V1EnvVar>();
        var defined = new Dictionary<string, EnvValue>(StringComparer.Ordinal);

        foreach (var variable in environment)
        {
            switch (variable.Value)
            {
                case EnvValue.Text text:
                    Add(variable.Name, text, new V1EnvVar { Name = variable.Name, Value = Escape(text.Value) });
                    break;
                case EnvValue.Secret secret:
                    if (!AlreadyDefinedAs(variable.Name, secret))
                        Add(variable.Name, secret, FromSecret(variable.Name, secret.Key));
                    break;
                case EnvValue.SecretTemplate template:
                    // Kubernetes only expands $(NAME) for variables defined earlier in the same container.
                    var secretName = template.Key.EnvName;
                    var needed = new EnvValue.Secret(template.Key);
                    if (!AlreadyDefinedAs(secretName, needed))
                        Add(secretName, needed, FromSecret(secretName, template.Key));
                    Add(variable.Name, template, new V1EnvVar { Name = variable.Name, Value = Expand(template, secretName) });
                    break;
                default:
                    throw new NotSupportedException($"environment value {variable.Value.GetType().Name} of {variable.Name}");
            }
        }

        return result;

        bool AlreadyDefinedAs(string name, EnvValue.Secret secret)
        {
            if (!defined.TryGetValue(name, out var existing))
                return false;
            if (existing != secret)
                throw new InvalidOperationException($"environment variable {name} is defined twice with different values");
            return true;
        }

        void Add(string name, EnvValue source, V1EnvVar variable)
        {
            if (!defined.TryAdd(name, source))
                throw new InvalidOperationException($"environment variable {name} is defined twice");
            result.Add(variable);
        }
    }

    /// <summary>
    /// Kubernetes expands <c>$(NAME)</c> in env values and args, and turns <c>$$</c> into <c>$</c>:
    /// doubling every <c>$</c> keeps the text exactly as the topology wrote it.
    /// </summary>
    public static string Escape(string text) => text.Replace("$", "$$", StringComparison.Ordinal);

    /// <summary>
    /// The template with its secret as a dependent variable. The value is substituted verbatim (no URL
    /// encoding), which is safe because chtctl generates URL-safe secrets.
    /// </summary>
    private static string Expand(EnvValue.SecretTemplate template, string secretName) =>
        string.Join($"$({secretName})", template.Template.Split(EnvValue.SecretTemplate.Placeholder).Select(Escape));

    private static V1EnvVar FromSecret(string name, SecretKeyRef key) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource
        {
            SecretKeyRef = new V1SecretKeySelector { Name = ObjectNames.CredentialsSecret, Key = key.EnvName },
        },
    };
}
