namespace Chtctl.Core.Versions;

/// <summary>
/// The newest release of each line that this build of chtctl knows of, used to resolve <c>4.x</c>,
/// <c>5.x</c> and <c>latest</c> when the builds server cannot be asked. Online resolution always wins.
/// </summary>
public static class KnownReleases
{
    public static IReadOnlyDictionary<int, ChtVersion> NewestByLine { get; } = new Dictionary<int, ChtVersion>
    {
        [4] = new(4, 22, 0),
        [5] = new(5, 2, 0),
    };

    public static ChtVersion Newest => NewestByLine.Values.Max();
}
