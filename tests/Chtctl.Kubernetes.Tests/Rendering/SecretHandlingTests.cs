using Chtctl.Core.Secrets;
using Chtctl.Core.Topology;
using Chtctl.Kubernetes.Rendering;
using k8s.Models;

namespace Chtctl.Kubernetes.Tests.Rendering;

public sealed class SecretHandlingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void No_secret_value_appears_outside_the_credentials_secret(int nodes)
    {
        var tree = new KubernetesRenderer().Render(Instances.Topology(Instances.Spec(nodes)), Instances.RealLooking);

        var secretFile = Assert.Single(tree.Files, f => f.Path.EndsWith("-secret-cht-couchdb-credentials.yaml", StringComparison.Ordinal));
        foreach (var (_, value) in Instances.RealLooking.All.Where(s => nodes > 1 || s.Key != SecretKey.ErlangCookie))
            Assert.Contains(value, secretFile.Content, StringComparison.Ordinal);
        foreach (var file in tree.Files.Where(f => f != secretFile))
        {
            foreach (var (key, value) in Instances.RealLooking.All)
                Assert.False(file.Content.Contains(value, StringComparison.Ordinal), $"{file.Path} contains {key.EnvName()}");
        }
    }

    [Fact]
    public void Only_the_secret_file_is_private()
    {
        var tree = new KubernetesRenderer().Render(Instances.Topology(Instances.Spec(3)), Instances.RealLooking);

        Assert.Equal(["05-secret-cht-couchdb-credentials.yaml"], tree.Files.Where(f => f.Private).Select(f => f.Path));
    }

    [Fact]
    public void Redacted_secrets_render_as_the_redaction_placeholder()
    {
        var objects = Instances.Objects(Instances.Spec(3), InstanceSecrets.Redacted);

        var secret = objects.Single<V1Secret>("cht-couchdb-credentials");
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["COUCHDB_ERLANG_COOKIE"] = "<redacted>",
                ["COUCHDB_PASSWORD"] = "<redacted>",
                ["COUCHDB_SECRET"] = "<redacted>",
                ["COUCHDB_USER"] = "medic",
                ["COUCHDB_UUID"] = "<redacted>",
            },
            secret.StringData);
    }

    [Fact]
    public void A_single_node_secret_has_no_Erlang_cookie()
    {
        var secret = Instances.Objects(Instances.Spec(1)).Single<V1Secret>("cht-couchdb-credentials");

        Assert.DoesNotContain("COUCHDB_ERLANG_COOKIE", secret.StringData.Keys);
    }

    [Theory]
    [InlineData("cht-api")]
    [InlineData("cht-sentinel")]
    public void Couch_url_expands_the_password_defined_earlier_in_the_same_container(string deployment)
    {
        var container = Instances.Objects(Instances.Spec(1)).Single<V1Deployment>(deployment).Container(deployment);

        var names = container.Env.Select(e => e.Name).ToList();
        var password = container.Env[names.IndexOf("COUCHDB_PASSWORD")];
        var couchUrl = container.Env[names.IndexOf("COUCH_URL")];
        Assert.True(names.IndexOf("COUCHDB_PASSWORD") < names.IndexOf("COUCH_URL"), "COUCHDB_PASSWORD must come before COUCH_URL");
        Assert.Equal("cht-couchdb-credentials", password.ValueFrom.SecretKeyRef.Name);
        Assert.Equal("COUCHDB_PASSWORD", password.ValueFrom.SecretKeyRef.Key);
        Assert.Equal("http://medic:$(COUCHDB_PASSWORD)@haproxy:5984/medic", couchUrl.Value);
    }

    [Fact]
    public void Secrets_are_references_into_the_credentials_secret()
    {
        var container = Instances.Objects(Instances.Spec(3)).Single<V1Deployment>("cht-couchdb-1").Container("cht-couchdb-1");

        var fromSecret = container.Env.Where(e => e.ValueFrom?.SecretKeyRef is not null).ToArray();
        Assert.Equal(["COUCHDB_PASSWORD", "COUCHDB_SECRET", "COUCHDB_UUID", "COUCHDB_ERLANG_COOKIE"], fromSecret.Select(e => e.Name));
        Assert.All(fromSecret, e => Assert.Equal(e.Name, e.ValueFrom.SecretKeyRef.Key));
        Assert.All(fromSecret, e => Assert.Null(e.Value));
    }

    [Fact]
    public void A_secret_already_defined_is_not_defined_twice_for_a_template()
    {
        var password = new SecretKeyRef(SecretKey.CouchDbPassword);
        var env = EnvironmentMapper.Map(
        [
            new EnvVar("COUCHDB_PASSWORD", new EnvValue.Secret(password)),
            new EnvVar("COUCH_URL", new EnvValue.SecretTemplate("http://u:{secret}@h/db", password)),
        ]);

        Assert.Equal(["COUCHDB_PASSWORD", "COUCH_URL"], env.Select(e => e.Name));
    }

    [Fact]
    public void Dollar_signs_in_plain_values_reach_the_container_as_written()
    {
        var env = EnvironmentMapper.Map([new EnvVar("LITERAL", new EnvValue.Text("a$(B)c$$d"))]);

        // Kubernetes turns $$ into $ and expands $(B); doubled, both come out as written.
        Assert.Equal("a$$(B)c$$$$d", Assert.Single(env).Value);
    }
}
