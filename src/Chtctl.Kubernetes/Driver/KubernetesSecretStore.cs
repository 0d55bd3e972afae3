using System.Text;
using System.Text.Json.Nodes;
using Chtctl.Core.Secrets;

namespace Chtctl.Kubernetes.Driver;

/// <summary>
/// The instance's credentials in the Secret <c>cht-couchdb-credentials</c> of its namespace, with Medic's keys.
/// Values never leave this class except as <see cref="InstanceSecrets"/>.
/// </summary>
public sealed class KubernetesSecretStore(KubeApi api, InstanceRef instance) : ISecretStore
{
    public string Location => $"Secret {InstanceRef.CredentialsSecret} in namespace {instance.Namespace}";

    public async Task<InstanceSecrets?> LoadAsync(CancellationToken cancellationToken)
    {
        var live = await api.GetAsync(ResourceKind.Secret, instance.Namespace, InstanceRef.CredentialsSecret, cancellationToken).ConfigureAwait(false);
        if (live is null)
            return null;
        var data = live["data"]?.AsObject();
        string? Value(SecretKey key) => data?[key.EnvName()]?.GetValue<string>() is { } encoded
            ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded))
            : null;
        // Keys an instance never used (the Erlang cookie of a single node) are generated when first needed.
        return SecretGenerator.Complete(Value(SecretKey.CouchDbPassword), Value(SecretKey.CouchDbSecret), Value(SecretKey.CouchDbUuid), Value(SecretKey.ErlangCookie));
    }

    /// <summary>The CouchDB admin's name and password, for talking to CouchDB through the service proxy; null before the first <c>up</c>.</summary>
    public async Task<CouchDbAdmin?> LoadAdminAsync(CancellationToken cancellationToken)
    {
        var live = await api.GetAsync(ResourceKind.Secret, instance.Namespace, InstanceRef.CredentialsSecret, cancellationToken).ConfigureAwait(false);
        var data = live?["data"]?.AsObject();
        string? Value(string key) => data?[key]?.GetValue<string>() is { } encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : null;
        return Value("COUCHDB_USER") is { } user && Value(SecretKey.CouchDbPassword.EnvName()) is { } password ? new CouchDbAdmin(user, password) : null;
    }

    public async Task SaveAsync(InstanceSecrets secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var stringData = new JsonObject();
        foreach (var (key, value) in secrets.All)
            stringData[key.EnvName()] = value;
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = InstanceRef.CredentialsSecret,
                ["namespace"] = instance.Namespace,
                ["labels"] = new JsonObject
                {
                    [InstanceRef.ManagedByLabel] = InstanceRef.ManagedByValue,
                    [InstanceRef.InstanceLabel] = instance.Name,
                },
            },
            ["type"] = "Opaque",
            ["stringData"] = stringData,
        };
        // A separate field manager: the rendered Secret (manager chtctl) names only the keys containers use,
        // and must not remove the generated values it does not mention.
        await api.ApplyAsync(DesiredObject.WithDataNotStringData(body), dryRun: false, force: true, cancellationToken, fieldManager: "chtctl-secrets").ConfigureAwait(false);
    }
}

/// <summary>CouchDB admin credentials; <see cref="ToString"/> leaves the password out so it cannot end up in output.</summary>
public sealed record CouchDbAdmin(string User, string Password)
{
    public override string ToString() => $"CouchDbAdmin {{ User = {User} }}";
}
