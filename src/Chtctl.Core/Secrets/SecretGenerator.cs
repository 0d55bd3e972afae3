using System.Security.Cryptography;

namespace Chtctl.Core.Secrets;

/// <summary>
/// Generates instance secrets from the operating system's CSPRNG. Passwords use only letters and digits:
/// CHT builds <c>COUCH_URL</c> by plain interpolation and the cluster script JSON-escapes only <c>\</c> and
/// <c>"</c>, so anything else can break a URL or a JSON body.
/// </summary>
public static class SecretGenerator
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>32 alphanumeric characters: log2(62^32) ≈ 190 bits.</summary>
    public const int PasswordLength = 32;

    public static InstanceSecrets Generate() => new(
        CouchDbPassword: RandomNumberGenerator.GetString(Alphanumeric, PasswordLength),
        // CouchDB's own secret and uuid are 32 lowercase hex characters (128 bits), as `openssl rand -hex 16` gives.
        CouchDbSecret: RandomNumberGenerator.GetHexString(32, lowercase: true),
        CouchDbUuid: RandomNumberGenerator.GetHexString(32, lowercase: true),
        ErlangCookie: RandomNumberGenerator.GetString(Alphanumeric, PasswordLength));

    /// <summary>Fills in whatever an imported or partial set lacks, keeping what it has.</summary>
    public static InstanceSecrets Complete(string? password, string? secret, string? uuid, string? cookie)
    {
        var fresh = Generate();
        return new InstanceSecrets(
            string.IsNullOrEmpty(password) ? fresh.CouchDbPassword : password,
            string.IsNullOrEmpty(secret) ? fresh.CouchDbSecret : secret,
            string.IsNullOrEmpty(uuid) ? fresh.CouchDbUuid : uuid,
            string.IsNullOrEmpty(cookie) ? fresh.ErlangCookie : cookie);
    }
}
