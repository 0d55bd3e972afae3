using System.Net;
using Chtctl.EndToEnd.Tests.Support;

namespace Chtctl.EndToEnd.Tests;

/// <summary>One instance whose data the scenarios write through the edge and take through down, destroy and up.</summary>
public sealed class PersistenceFixture : IAsyncLifetime
{
    internal TestInstance Instance { get; } = new("data");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Instance.DisposeAsync();
}

public sealed class PersistenceTests(PersistenceFixture fixture) : IClassFixture<PersistenceFixture>
{
    private TestInstance Instance => fixture.Instance;

    [Fact]
    public async Task DocumentWrittenThroughTheEdgeSurvivesDownAndUp()
    {
        await Instance.UpAsync();
        var id = await WriteDocumentAsync();

        var down = await Instance.VerbAsync("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.DoesNotContain(Instance.Containers().Values, c => c.Status == "running");
        await Instance.UpAsync();

        await AssertDocumentAsync(id, HttpStatusCode.OK);
    }

    [Fact]
    public async Task DocumentAndCredentialsSurviveDestroyAndUp()
    {
        await Instance.UpAsync();
        var id = await WriteDocumentAsync();
        var password = Instance.CouchDbPassword();

        var destroy = await Instance.VerbAsync("destroy");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(Instance.Containers());
        await Instance.UpAsync();

        Assert.Equal(password, Instance.CouchDbPassword());
        await AssertDocumentAsync(id, HttpStatusCode.OK);
    }

    [Fact]
    public async Task DestroyWithDeleteDataWithoutYesAndWithoutATerminalIsRefusedAndDeletesNothing()
    {
        await Instance.UpAsync();
        var id = await WriteDocumentAsync();
        var before = Instance.Containers();

        var destroy = await Instance.VerbAsync("destroy", "--delete-data");

        Assert.True(destroy.ExitCode == 64, destroy.ToString());
        Assert.Contains("--yes", destroy.Output, StringComparison.Ordinal);
        Assert.Equal(before.Values.Select(c => c.Id).Order(), Instance.Containers().Values.Select(c => c.Id).Order());
        Assert.True(File.Exists(Path.Combine(Instance.Home, "secrets.env")));
        await AssertDocumentAsync(id, HttpStatusCode.OK);
    }

    [Fact]
    public async Task DestroyWithDeleteDataRemovesTheDocuments()
    {
        await Instance.UpAsync();
        var id = await WriteDocumentAsync();
        var password = Instance.CouchDbPassword();

        var destroy = await Instance.VerbAsync("destroy", "--delete-data", "--yes");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(Instance.Containers());
        Assert.Empty(Docker.NetworksAndVolumes(Instance.Name));
        await Instance.UpAsync();

        Assert.NotEqual(password, Instance.CouchDbPassword());
        await AssertDocumentAsync(id, HttpStatusCode.NotFound);
    }

    private async Task<string> WriteDocumentAsync()
    {
        var id = $"doc-{Guid.NewGuid():N}";
        using var edge = Instance.Edge(Instance.CouchDbPassword());
        var (status, body) = await edge.PutAsync($"medic/{id}", new { type = "e2e", note = "written through the edge" });
        Assert.True(status == HttpStatusCode.Created, $"PUT medic/{id}: {status} {body}");
        return id;
    }

    private async Task AssertDocumentAsync(string id, HttpStatusCode expected)
    {
        using var edge = Instance.Edge(Instance.CouchDbPassword());
        var (status, body) = await edge.GetAsync($"medic/{id}");
        Assert.True(status == expected, $"GET medic/{id}: {status} {body}");
        if (expected == HttpStatusCode.OK)
            Assert.Equal("written through the edge", body.GetProperty("note").GetString());
    }
}
