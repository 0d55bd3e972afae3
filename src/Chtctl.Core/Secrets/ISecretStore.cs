namespace Chtctl.Core.Secrets;

/// <summary>
/// Where an instance's secrets live: a 0600 file in the instance home on Compose, a Secret in the
/// namespace on Kubernetes. Implementations never log values.
/// </summary>
public interface ISecretStore
{
    /// <summary>Human description of the location, for messages (never the values).</summary>
    string Location { get; }

    Task<InstanceSecrets?> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(InstanceSecrets secrets, CancellationToken cancellationToken);
}

public static class SecretStoreExtensions
{
    /// <summary>Loads the instance's secrets, generating and saving them the first time only.</summary>
    public static async Task<InstanceSecrets> LoadOrCreateAsync(this ISecretStore store, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(cancellationToken).ConfigureAwait(false) is { } existing)
            return existing;
        var created = SecretGenerator.Generate();
        await store.SaveAsync(created, cancellationToken).ConfigureAwait(false);
        return created;
    }
}
