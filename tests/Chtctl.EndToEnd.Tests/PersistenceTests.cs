using System.Net;
using Chtctl.EndToEnd.Tests.Support;
using Chtctl.Testing.Engine;

namespace Chtctl.EndToEnd.Tests;

/// <summary>
/// One instance whose data the scenarios write through the edge and take through down, destroy and up: each changes
/// the instance, so it is theirs alone (a refused destroy, which changes nothing, runs on the shared healthy instance).
/// </summary>
public sealed class PersistenceFixture : IAsyncLifetime
{
    internal EngineInstance Instance { get; } = new("e2e-data");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Instance.DisposeAsync();
}

public sealed class PersistenceTests(PersistenceFixture fixture) : IClassFixture<PersistenceFixture>
{
    private EngineInstance Instance => fixture.Instance;

    [Fact]
    public async Task DocumentWrittenThroughTheEdgeSurvivesDownAndUp()
    {
        await Instance.UpAsync();
        var id = await Documents.WriteAsync(Instance);

        var down = await Instance.VerbAsync("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.DoesNotContain(Instance.Containers().Values, c => c.Status == "running");
        await Instance.UpAsync();

        await Documents.AssertAsync(Instance, id, HttpStatusCode.OK);
    }

    [Fact]
    public async Task DocumentAndCredentialsSurviveDestroyAndUp()
    {
        await Instance.UpAsync();
        var id = await Documents.WriteAsync(Instance);
        var password = Instance.CouchDbPassword();

        var destroy = await Instance.VerbAsync("destroy");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(Instance.Containers());
        await Instance.UpAsync();

        Assert.Equal(password, Instance.CouchDbPassword());
        await Documents.AssertAsync(Instance, id, HttpStatusCode.OK);
    }

    [Fact]
    public async Task DestroyWithDeleteDataRemovesTheDocuments()
    {
        await Instance.UpAsync();
        var id = await Documents.WriteAsync(Instance);
        var password = Instance.CouchDbPassword();

        var destroy = await Instance.VerbAsync("destroy", "--delete-data", "--yes");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(Instance.Containers());
        Assert.Empty(Docker.NetworksAndVolumes(Instance.Name));
        await Instance.UpAsync();

        Assert.NotEqual(password, Instance.CouchDbPassword());
        await Documents.AssertAsync(Instance, id, HttpStatusCode.NotFound);
    }
}
