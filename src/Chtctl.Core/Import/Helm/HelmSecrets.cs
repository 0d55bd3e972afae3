namespace Chtctl.Core.Import.Helm;

/// <summary>The CouchDB credentials the chart put in Secret cht-couchdb-credentials.</summary>
internal static class HelmSecrets
{
    public static ImportedSecrets Read(HelmReader reader)
    {
        var password = Read(reader, "couchdb.password", "COUCHDB_PASSWORD", "password");
        var secret = Read(reader, "couchdb.secret", "COUCHDB_SECRET", "secret");
        var uuid = Read(reader, "couchdb.uuid", "COUCHDB_UUID", "uuid");
        if (password is not null)
            SecretChecks.CheckPassword(password, reader.Context);
        foreach (var value in new[] { secret, uuid }.OfType<SecretValue>())
            SecretChecks.CheckPublished(value, reader.Context);
        return new ImportedSecrets(password?.Value, secret?.Value, uuid?.Value);
    }

    private static SecretValue? Read(HelmReader reader, string key, string secretKey, string what)
    {
        var fromCluster = $"kubectl -n <namespace> get secret cht-couchdb-credentials -o jsonpath='{{.data.{secretKey}}}' | base64 -d";
        var value = reader.Secret(key, $"the CouchDB {what} the instance runs with: {fromCluster}");
        if (value is null && !reader.Context.HasError(key))
            reader.Context.Warning(key, reader.Has(key) ? reader.Locate(key) : reader.Locate("couchdb"),
                $"no CouchDB {what} in the file: chtctl will generate one, which suits only a new instance",
                $"for a running instance, give the one it runs with: {fromCluster}");
        return value;
    }
}
