using Chtctl.Core.Secrets;

namespace Chtctl.Core.Import;

/// <summary>
/// The credentials an imported file carried; any may be absent. Kept apart from the spec because secrets
/// never live in the instance file. <see cref="ToString"/> names only which are present.
/// </summary>
public sealed record ImportedSecrets(string? CouchDbPassword, string? CouchDbSecret, string? CouchDbUuid)
{
    public static ImportedSecrets None { get; } = new(null, null, null);

    public bool IsEmpty => CouchDbPassword is null && CouchDbSecret is null && CouchDbUuid is null;

    /// <summary>The full set for the secret store: what was imported, with fresh values only for what is missing.</summary>
    public InstanceSecrets Complete() => SecretGenerator.Complete(CouchDbPassword, CouchDbSecret, CouchDbUuid, cookie: null);

    public override string ToString()
    {
        var present = new[] { ("password", CouchDbPassword), ("secret", CouchDbSecret), ("uuid", CouchDbUuid) }
            .Where(p => p.Item2 is not null).Select(p => p.Item1).ToArray();
        return $"ImportedSecrets {{ {(present.Length == 0 ? "none" : string.Join(", ", present) + ": " + InstanceSecrets.RedactedValue)} }}";
    }
}
