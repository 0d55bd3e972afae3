using System.Text;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.Health;
using Chtctl.Compose.Driver.Preflight;

namespace Chtctl.Compose.Tests.Driver;

public sealed class EngineAndComposeTests
{
    [Theory]
    [InlineData(null, "unix:///var/run/docker.sock", "/var/run/docker.sock")]
    [InlineData("unix:///run/private/docker.sock", "unix:///run/private/docker.sock", "/run/private/docker.sock")]
    [InlineData("tcp://10.0.0.5:2375", "tcp://10.0.0.5:2375", null)]
    public void The_engine_is_the_one_DOCKER_HOST_names(string? dockerHost, string expected, string? socket)
    {
        var endpoint = EngineEndpoint.FromEnvironment(name => name == "DOCKER_HOST" ? dockerHost : null);

        Assert.Equal(expected, endpoint.DockerHost);
        Assert.Equal(socket, endpoint.SocketPath);
    }

    [Fact]
    public void A_DOCKER_HOST_chtctl_cannot_use_is_refused_with_what_to_do()
    {
        var e = Assert.Throws<EngineUnavailableException>(() => EngineEndpoint.FromEnvironment(_ => "ssh://host"));
        Assert.Contains("unset it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_and_Compose_versions_below_what_the_project_needs_are_each_reported()
    {
        var problems = ComposePreflight.EngineAndCompose(new EngineVersion("19.03.15", "1.40", "linux", "amd64"), null, null);

        Assert.Equal(2, problems.Count);
        Assert.Contains("19.03.15", problems[0], StringComparison.Ordinal);
        Assert.Contains("docker-compose", problems[1], StringComparison.Ordinal);
        Assert.Empty(ComposePreflight.EngineAndCompose(new EngineVersion("20.10.24+dfsg1", "1.41", "linux", "amd64"), null, null).Skip(1));
    }

    [Theory]
    [InlineData("localhost/chtctl-test/cht-api:4.22.0", "localhost/chtctl-test/cht-api", "4.22.0")]
    [InlineData("registry.local:5000/medic/cht-api", "registry.local:5000/medic/cht-api", "latest")]
    [InlineData("nginx", "nginx", "latest")]
    public void Image_references_split_into_name_and_tag_as_the_engine_wants_them(string image, string name, string tag) =>
        Assert.Equal((name, tag), DockerEngine.SplitTag(image));

    [Fact]
    public void Multiplexed_log_frames_become_lines_in_order()
    {
        static byte[] Frame(byte stream, string text)
        {
            var body = Encoding.UTF8.GetBytes(text);
            return [stream, 0, 0, 0, (byte)(body.Length >> 24), (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];
        }

        var lines = LogStream.Lines([.. Frame(1, "listening on 5988\n"), .. Frame(2, "error: CouchDB not reachable\r\n")]);

        Assert.Equal(["listening on 5988", "error: CouchDB not reachable"], lines);
    }

    [Fact]
    public void HAProxy_statistics_give_each_CouchDB_server_and_its_check()
    {
        const string csv = "# pxname,svname,qcur,status,check_status\n"
            + "http-in,FRONTEND,,OPEN,\n"
            + "couchdb-servers,couchdb-1,0,UP,L7OK\n"
            + "couchdb-servers,couchdb-2,0,DOWN,L4CON\n"
            + "couchdb-servers,BACKEND,0,UP,\n";

        var servers = HaproxyStats.Servers(csv, "couchdb-servers");

        Assert.Equal([new HaproxyServer("couchdb-1", "UP", "L7OK"), new HaproxyServer("couchdb-2", "DOWN", "L4CON")], servers);
    }
}
