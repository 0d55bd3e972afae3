namespace Chtctl.Core.Versions;

/// <summary>What a CHT release line needs from its host: components and settings that differ between 4.x and 5.x.</summary>
public sealed record VersionLine(int Major, bool HasNouveau, bool ApiRunsInProductionMode)
{
    public const int NouveauPort = 5987;

    public static readonly VersionLine V4 = new(4, HasNouveau: false, ApiRunsInProductionMode: false);
    public static readonly VersionLine V5 = new(5, HasNouveau: true, ApiRunsInProductionMode: true);

    public static IReadOnlyList<VersionLine> Supported { get; } = [V4, V5];

    public static VersionLine? For(int major) => Supported.FirstOrDefault(l => l.Major == major);

    public static VersionLine For(ChtVersion version) =>
        For(version.Major) ?? throw new ArgumentException($"CHT {version} is not supported: chtctl hosts CHT 4.x and 5.x");

    /// <summary>Medic's images of this line, by service name as used in image names <c>cht-&lt;service&gt;</c>.</summary>
    public IReadOnlyList<string> MedicServices =>
        HasNouveau ? ["api", "sentinel", "couchdb", "couchdb-nouveau"] : ["api", "sentinel", "couchdb"];
}
