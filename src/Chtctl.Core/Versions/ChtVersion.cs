using System.Globalization;

namespace Chtctl.Core.Versions;

/// <summary>An exact CHT release version, <c>major.minor.patch</c>.</summary>
public readonly record struct ChtVersion(int Major, int Minor, int Patch) : IComparable<ChtVersion>
{
    public static bool TryParse(string? text, out ChtVersion version)
    {
        version = default;
        var parts = (text ?? "").Split('.');
        if (parts.Length != 3)
            return false;
        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (parts[i].Length == 0 || parts[i].Length > 6 || !parts[i].All(char.IsAsciiDigit) || (parts[i].Length > 1 && parts[i][0] == '0'))
                return false;
            numbers[i] = int.Parse(parts[i], CultureInfo.InvariantCulture);
        }

        version = new ChtVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    public static ChtVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a CHT version (expected major.minor.patch such as 4.22.0)");

    public int CompareTo(ChtVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    public static bool operator <(ChtVersion a, ChtVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(ChtVersion a, ChtVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(ChtVersion a, ChtVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ChtVersion a, ChtVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
