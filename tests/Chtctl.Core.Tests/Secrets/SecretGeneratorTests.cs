using Chtctl.Core.Secrets;

namespace Chtctl.Core.Tests.Secrets;

public sealed class SecretGeneratorTests
{
    [Fact]
    public void Password_is_long_and_uses_only_characters_safe_in_urls_and_json()
    {
        for (var i = 0; i < 200; i++)
        {
            var password = SecretGenerator.Generate().CouchDbPassword;
            Assert.Equal(32, password.Length);
            Assert.All(password, c => Assert.True(char.IsAsciiLetterOrDigit(c), $"'{c}' would need escaping in COUCH_URL or JSON"));
            Assert.Equal(password, Uri.EscapeDataString(password));
        }
    }

    [Fact]
    public void Secret_and_uuid_are_128_bit_lowercase_hex_like_couchdbs_own()
    {
        var secrets = SecretGenerator.Generate();
        Assert.Matches("^[0-9a-f]{32}$", secrets.CouchDbSecret);
        Assert.Matches("^[0-9a-f]{32}$", secrets.CouchDbUuid);
    }

    [Fact]
    public void Every_generation_is_different()
    {
        var many = Enumerable.Range(0, 500).Select(_ => SecretGenerator.Generate()).ToArray();
        Assert.Equal(many.Length, many.Select(s => s.CouchDbPassword).Distinct().Count());
        Assert.Equal(many.Length, many.Select(s => s.CouchDbUuid).Distinct().Count());
        Assert.All(many, s => Assert.NotEqual(s.CouchDbSecret, s.CouchDbUuid));
    }

    [Fact]
    public void Completing_keeps_what_was_imported_and_fills_only_gaps()
    {
        var completed = SecretGenerator.Complete("imported-password", null, "0123456789abcdef0123456789abcdef", "");
        Assert.Equal("imported-password", completed.CouchDbPassword);
        Assert.Equal("0123456789abcdef0123456789abcdef", completed.CouchDbUuid);
        Assert.Matches("^[0-9a-f]{32}$", completed.CouchDbSecret);
        Assert.Equal(32, completed.ErlangCookie.Length);
    }

    [Fact]
    public void Secrets_never_show_in_their_string_form()
    {
        var secrets = SecretGenerator.Generate();
        var text = secrets.ToString() + $"{secrets}";
        foreach (var (_, value) in secrets.All)
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redactor_removes_plain_and_url_encoded_values_from_any_text()
    {
        var secrets = new InstanceSecrets("p@ss/word-with:chars", "secretsecret0001", "uuiduuiduuid0001", "cookiecookie0001");
        var redactor = new Redactor(secrets);
        var log = $"COUCH_URL=http://medic:{Uri.EscapeDataString(secrets.CouchDbPassword)}@haproxy:5984/medic password={secrets.CouchDbPassword} uuid={secrets.CouchDbUuid}";

        var redacted = redactor.Redact(log);

        Assert.Equal("COUCH_URL=http://medic:<redacted>@haproxy:5984/medic password=<redacted> uuid=<redacted>", redacted);
    }
}
