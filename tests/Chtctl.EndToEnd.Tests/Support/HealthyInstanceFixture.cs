using Chtctl.Testing.Engine;

namespace Chtctl.EndToEnd.Tests.Support;

/// <summary>
/// One instance brought up from nothing and kept healthy, shared by every test of
/// <see cref="HealthyInstanceCollection"/>: the tests that read it, or change it and put it back, so the engine brings
/// up one instance for all of them instead of one each.
/// </summary>
public sealed class HealthyInstanceFixture : IAsyncLifetime
{
    internal EngineInstance Instance { get; private set; } = null!;

    /// <summary>The first <c>up</c>, from nothing; tests about it assert on it.</summary>
    internal ChtctlResult FirstUp { get; private set; } = null!;

    /// <summary><c>history</c> straight after the first <c>up</c>, before any test runs another verb.</summary>
    internal ChtctlResult HistoryAfterFirstUp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Instance = new EngineInstance("e2e-life");
        FirstUp = await Instance.VerbAsync("up");
        HistoryAfterFirstUp = await Instance.VerbAsync("history");
    }

    public async Task DisposeAsync()
    {
        // Null when the engine was not configured: nothing was created.
        if (Instance is not null)
            await Instance.DisposeAsync();
    }
}
