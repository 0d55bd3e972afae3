using Chtctl.Compose.Rendering;
using Chtctl.Compose.Tests.Support;
using Chtctl.Core.Secrets;
using Chtctl.Testing;

namespace Chtctl.Compose.Tests.Rendering;

public sealed class DotEnvFileTests
{
    [Fact]
    public void A_password_with_dollar_or_hash_is_single_quoted_so_compose_takes_it_literally()
    {
        var secrets = TestSecrets.Distinct with { CouchDbPassword = "pa$$word #1" };

        var env = DotEnvFile.Render(Scenario.Named("single-node-4x").Topology(), secrets);

        Assert.Contains("COUCHDB_PASSWORD='pa$$word #1'\n", env, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_no_env_file_syntax_can_carry_is_refused_naming_the_variable_but_not_the_value()
    {
        var secrets = TestSecrets.Distinct with { CouchDbPassword = "it's\"secret" };

        var error = Assert.Throws<ArgumentException>(() => DotEnvFile.Render(Scenario.Named("single-node-4x").Topology(), secrets));

        Assert.Contains("COUCHDB_PASSWORD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret\"", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_secrets_some_component_uses_are_written()
    {
        var single = DotEnvFile.ReferencedSecrets(Scenario.Named("single-node-4x").Topology());
        var cluster = DotEnvFile.ReferencedSecrets(Scenario.Named("three-nodes").Topology());

        Assert.DoesNotContain(SecretKey.ErlangCookie, single);
        Assert.Contains(SecretKey.ErlangCookie, cluster);
    }
}
