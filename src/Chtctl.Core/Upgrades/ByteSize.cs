using System.Globalization;

namespace Chtctl.Core.Upgrades;

/// <summary>Byte counts for people: binary units, one decimal (<c>12.3 GiB</c>), as <c>df -h</c> shows them.</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Format(long bytes)
    {
        if (bytes < 0)
            return "-" + Format(-bytes);
        if (bytes < 1024)
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }
}
