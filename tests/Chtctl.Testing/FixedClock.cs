namespace Chtctl.Testing;

/// <summary>A clock that always says <paramref name="now"/>: recorded times in outputs and history stay the same every run.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
