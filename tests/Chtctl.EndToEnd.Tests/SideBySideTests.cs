using System.Diagnostics;
using System.Net;
using Chtctl.EndToEnd.Tests.Support;
using Chtctl.Testing.Engine;

namespace Chtctl.EndToEnd.Tests;

/// <summary>
/// A second instance on the engine beside the shared healthy one. It is brought up in the background while a second
/// <c>up</c> of it is attempted, which must be refused; the results are kept for the tests.
/// </summary>
public sealed class SecondInstanceFixture : IAsyncLifetime
{
    internal EngineInstance Second { get; } = new("e2e-right");

    internal ChtctlResult SecondUp { get; private set; } = null!;

    internal ChtctlResult ConcurrentUp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var background = ChtctlProcess.Start(["up", Second.InstanceFile]);
        var waited = Stopwatch.StartNew();
        while (!background.Output.Contains("Starting '", StringComparison.Ordinal) && !background.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
            await Task.Delay(100);
        ConcurrentUp = await Second.VerbAsync("up");
        SecondUp = await background.WaitAsync();
    }

    public async Task DisposeAsync() => await Second.DisposeAsync();
}

/// <summary>
/// Two instances side by side: the first is the collection's shared healthy instance, which these tests only read,
/// the second is theirs (<see cref="SecondInstanceFixture"/>) and is destroyed.
/// </summary>
[Collection(HealthyInstanceCollection.Name)]
public sealed class SideBySideTests(HealthyInstanceFixture shared, SecondInstanceFixture fixture) : IClassFixture<SecondInstanceFixture>
{
    private EngineInstance First => shared.Instance;

    [Fact]
    public void SecondUpWhileOneIsRunningIsRefusedAndTheFirstFinishes()
    {
        Assert.True(fixture.ConcurrentUp.ExitCode == 4, fixture.ConcurrentUp.ToString());
        Assert.Contains("another chtctl run", fixture.ConcurrentUp.Output, StringComparison.Ordinal);
        Assert.True(fixture.SecondUp.ExitCode == 0, fixture.SecondUp.ToString());
    }

    [Fact]
    public async Task TwoInstancesRunSideBySideAndDestroyingOneLeavesTheOtherHealthy()
    {
        Assert.True(shared.FirstUp.ExitCode == 0, shared.FirstUp.ToString());
        Assert.True(fixture.SecondUp.ExitCode == 0, fixture.SecondUp.ToString());
        foreach (var instance in new[] { First, fixture.Second })
        {
            var status = await instance.VerbAsync("status");
            Assert.True(status.ExitCode == 0, status.ToString());
            await AssertEdgeAnswersAsync(instance);
        }

        var list = await First.RunAsync("list", "--target", "compose");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(list.Stdout.Split('\n'), l => l.StartsWith(First.Name + " ", StringComparison.Ordinal) && l.Contains("healthy", StringComparison.Ordinal));
        Assert.Contains(list.Stdout.Split('\n'), l => l.StartsWith(fixture.Second.Name + " ", StringComparison.Ordinal) && l.Contains("healthy", StringComparison.Ordinal));

        var before = First.Containers();
        var destroy = await fixture.Second.VerbAsync("destroy", "--delete-data", "--yes");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());

        Assert.Empty(fixture.Second.Containers());
        var after = First.Containers();
        Assert.Equal(before.Values.Select(c => (c.Id, c.StartedAt)).Order(), after.Values.Select(c => (c.Id, c.StartedAt)).Order());
        var first = await First.VerbAsync("status");
        Assert.True(first.ExitCode == 0, first.ToString());
        await AssertEdgeAnswersAsync(First);
        var listAfter = await First.RunAsync("list", "--target", "compose");
        Assert.DoesNotContain(listAfter.Stdout.Split('\n'), l => l.StartsWith(fixture.Second.Name + " ", StringComparison.Ordinal));
    }

    private static async Task AssertEdgeAnswersAsync(EngineInstance instance)
    {
        using var edge = instance.Edge();
        var (status, body) = await edge.GetAsync("api/info");
        Assert.True(status == HttpStatusCode.OK, $"{instance.Name}: {status} {body}");
    }
}
