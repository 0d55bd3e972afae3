using Chtctl.Core.Secrets;

namespace Chtctl.Core.Tests.Secrets;

public sealed class SecretsFileTests
{
    [Fact]
    public void Round_trips_every_secret()
    {
        var secrets = SecretGenerator.Generate();
        Assert.Equal(secrets, SecretsFile.Parse(SecretsFile.Format(secrets)));
    }

    [Fact]
    public void Uses_the_environment_names_operators_know()
    {
        var text = SecretsFile.Format(new InstanceSecrets("pw", "sec", "uid", "cookie"));
        Assert.Contains("COUCHDB_PASSWORD=pw\n", text, StringComparison.Ordinal);
        Assert.Contains("COUCHDB_SECRET=sec\n", text, StringComparison.Ordinal);
        Assert.Contains("COUCHDB_UUID=uid\n", text, StringComparison.Ordinal);
        Assert.Contains("COUCHDB_ERLANG_COOKIE=cookie\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_missing_a_secret_is_refused_rather_than_filled_with_a_new_one()
    {
        // A fresh password would lock api out of a CouchDB that already has the old one.
        var error = Assert.Throws<FormatException>(() => SecretsFile.Parse("COUCHDB_PASSWORD=pw\nCOUCHDB_UUID=u\n"));
        Assert.Contains("COUCHDB_SECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", error.Message.Replace("COUCHDB_PASSWORD", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_holds_no_secrets()
    {
        Assert.Null(SecretsFile.Parse("# nothing yet\n\n"));
    }
}
