using System.Diagnostics;
using System.Net;
using Chtctl.EndToEnd.Tests.Support;

namespace Chtctl.EndToEnd.Tests;

/// <summary>
/// Two instances on one engine. The second is brought up in the background while a second <c>up</c> of it is
/// attempted, which must be refused; the results are kept for the tests.
/// </summary>
public sealed class SideBySideFixture : IAsyncLifetime
{
    internal TestInstance First { get; } = new("left");

    internal TestInstance Second { get; } = new("right");

    internal ChtctlResult FirstUp { get; private set; } = null!;

    internal ChtctlResult SecondUp { get; private set; } = null!;

    internal ChtctlResult ConcurrentUp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        FirstUp = await First.VerbAsync("up");
        using var background = ChtctlProcess.Start(["up", Second.InstanceFile]);
        var waited = Stopwatch.StartNew();
        while (!background.Output.Contains("Starting '", StringComparison.Ordinal) && !background.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
            await Task.Delay(100);
        ConcurrentUp = await Second.VerbAsync("up");
        SecondUp = await background.WaitAsync();
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}

public sealed class SideBySideTests(SideBySideFixture fixture) : IClassFixture<SideBySideFixture>
{
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
        Assert.True(fixture.FirstUp.ExitCode == 0, fixture.FirstUp.ToString());
        Assert.True(fixture.SecondUp.ExitCode == 0, fixture.SecondUp.ToString());
        foreach (var instance in new[] { fixture.First, fixture.Second })
        {
            var status = await instance.VerbAsync("status");
            Assert.True(status.ExitCode == 0, status.ToString());
            await AssertEdgeAnswersAsync(instance);
        }

        var list = await fixture.First.RunAsync("list", "--target", "compose");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(list.Stdout.Split('\n'), l => l.StartsWith(fixture.First.Name + " ", StringComparison.Ordinal) && l.Contains("healthy", StringComparison.Ordinal));
        Assert.Contains(list.Stdout.Split('\n'), l => l.StartsWith(fixture.Second.Name + " ", StringComparison.Ordinal) && l.Contains("healthy", StringComparison.Ordinal));

        var before = fixture.First.Containers();
        var destroy = await fixture.Second.VerbAsync("destroy", "--delete-data", "--yes");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());

        Assert.Empty(fixture.Second.Containers());
        var after = fixture.First.Containers();
        Assert.Equal(before.Values.Select(c => (c.Id, c.StartedAt)).Order(), after.Values.Select(c => (c.Id, c.StartedAt)).Order());
        var first = await fixture.First.VerbAsync("status");
        Assert.True(first.ExitCode == 0, first.ToString());
        await AssertEdgeAnswersAsync(fixture.First);
        var listAfter = await fixture.First.RunAsync("list", "--target", "compose");
        Assert.DoesNotContain(listAfter.Stdout.Split('\n'), l => l.StartsWith(fixture.Second.Name + " ", StringComparison.Ordinal));
    }

    private static async Task AssertEdgeAnswersAsync(TestInstance instance)
    {
        using var edge = instance.Edge();
        var (status, body) = await edge.GetAsync("api/info");
        Assert.True(status == HttpStatusCode.OK, $"{instance.Name}: {status} {body}");
    }
}
