namespace Chtctl.Core.Secrets;

/// <summary>
/// The credentials of one instance. Generated once, kept across upgrades, never printed:
/// <see cref="ToString"/> is redacted so a stray log line cannot leak them.
/// </summary>
public sealed record InstanceSecrets(string CouchDbPassword, string CouchDbSecret, string CouchDbUuid, string ErlangCookie)
{
    public const string RedactedValue = "<redacted>";

    /// <summary>Stand-ins used when output is rendered without secrets: deterministic and obviously not real.</summary>
    public static InstanceSecrets Redacted { get; } = new(RedactedValue, RedactedValue, RedactedValue, RedactedValue);

    public bool IsRedacted => ReferenceEquals(this, Redacted) || CouchDbPassword == RedactedValue;

    /// <summary>The secret values by their environment names, as CouchDB and CHT read them.</summary>
    public IReadOnlyList<KeyValuePair<SecretKey, string>> All =>
    [
        new(SecretKey.CouchDbPassword, CouchDbPassword),
        new(SecretKey.CouchDbSecret, CouchDbSecret),
        new(SecretKey.CouchDbUuid, CouchDbUuid),
        new(SecretKey.ErlangCookie, ErlangCookie),
    ];

    public string Get(SecretKey key) => key switch
    {
        SecretKey.CouchDbPassword => CouchDbPassword,
        SecretKey.CouchDbSecret => CouchDbSecret,
        SecretKey.CouchDbUuid => CouchDbUuid,
        SecretKey.ErlangCookie => ErlangCookie,
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    public override string ToString() => $"InstanceSecrets {{ {RedactedValue} }}";
}

/// <summary>Names of the secret values, as environment variables and as keys in secret stores.</summary>
public enum SecretKey
{
    CouchDbPassword,
    CouchDbSecret,
    CouchDbUuid,
    ErlangCookie,
}

public static class SecretKeyNames
{
    public static string EnvName(this SecretKey key) => key switch
    {
        SecretKey.CouchDbPassword => "COUCHDB_PASSWORD",
        SecretKey.CouchDbSecret => "COUCHDB_SECRET",
        SecretKey.CouchDbUuid => "COUCHDB_UUID",
        SecretKey.ErlangCookie => "COUCHDB_ERLANG_COOKIE",
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    public static SecretKey? FromEnvName(string name) =>
        Enum.GetValues<SecretKey>().Cast<SecretKey?>().FirstOrDefault(k => k!.Value.EnvName() == name);
}
