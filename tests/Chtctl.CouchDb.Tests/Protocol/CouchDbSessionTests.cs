using Chtctl.CouchDb.Protocol;

namespace Chtctl.CouchDb.Tests.Protocol;

/// <summary>Cookie login as couchdb-behaviour.md measured it on CouchDB 3.5.</summary>
public sealed class CouchDbSessionTests
{
    [Fact]
    public async Task The_login_is_a_form_with_name_and_password()
    {
        using var form = CouchDbSession.LoginForm("medic", "p&ss word");

        Assert.Equal("application/x-www-form-urlencoded", form.Headers.ContentType!.MediaType);
        Assert.Equal("name=medic&password=p%26ss+word", await form.ReadAsStringAsync());
    }

    [Fact]
    public void Only_the_name_and_value_of_the_session_cookie_go_back()
    {
        Assert.Equal("AuthSession=bWVkaWM6NjdBQjQ", CouchDbSession.CookieFrom("AuthSession=bWVkaWM6NjdBQjQ; Version=1; Expires=Wed, 01 Jan 2027 00:00:00 GMT; Max-Age=31536000; Path=/; HttpOnly"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AuthSession=; Version=1; Path=/; HttpOnly")]
    [InlineData("SomethingElse=1; Path=/")]
    public void No_cookie_or_the_empty_one_a_wrong_password_gets_is_no_session(string? setCookie)
    {
        Assert.Null(CouchDbSession.CookieFrom(setCookie));
    }
}
