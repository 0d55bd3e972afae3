using System.Globalization;
using Chtctl.Core.Rendering.Yaml;

namespace Chtctl.Compose.Rendering;

/// <summary>
/// Converts the spec's Kubernetes-style quantities (validated by Core) into the values Compose expects.
/// Docker's size suffixes are binary (1m = 1 MiB), so Ki/Mi/Gi map to k/m/g directly and decimal
/// quantities become plain byte counts. docker-compose v1 knows no 't', so Ti becomes gigabytes.
/// </summary>
internal static class ComposeQuantities
{
    public static YamlScalar Memory(string quantity)
    {
        var (number, suffix) = Split(quantity);
        return suffix switch
        {
            "" => new YamlScalar.Int(number),
            "Ki" => new YamlScalar.Str(Invariant($"{number}k")),
            "Mi" => new YamlScalar.Str(Invariant($"{number}m")),
            "Gi" => new YamlScalar.Str(Invariant($"{number}g")),
            "Ti" => new YamlScalar.Str(Invariant($"{checked(number * 1024)}g")),
            "K" => new YamlScalar.Int(checked(number * 1_000)),
            "M" => new YamlScalar.Int(checked(number * 1_000_000)),
            "G" => new YamlScalar.Int(checked(number * 1_000_000_000)),
            "T" => new YamlScalar.Int(checked(number * 1_000_000_000_000)),
            _ => throw new FormatException($"not a memory quantity: {quantity}"),
        };
    }

    /// <summary>A CPU limit as Compose <c>cpus</c>: <c>500m</c> → 0.5, <c>2</c> → 2.</summary>
    public static YamlScalar Cpus(string quantity) =>
        new YamlScalar.Number((Millicores(quantity) / 1000m).ToString("0.###", CultureInfo.InvariantCulture));

    /// <summary>
    /// A CPU request as <c>cpu_shares</c>, the relative weight a request becomes on Kubernetes too
    /// (1 CPU = 1024 shares; Docker's minimum is 2).
    /// </summary>
    public static YamlScalar CpuShares(string quantity) =>
        new YamlScalar.Int(Math.Max(2, (long)Math.Round(Millicores(quantity) * 1024m / 1000m, MidpointRounding.AwayFromZero)));

    private static decimal Millicores(string quantity) => quantity.EndsWith('m')
        ? decimal.Parse(quantity[..^1], NumberStyles.None, CultureInfo.InvariantCulture)
        : decimal.Parse(quantity, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * 1000m;

    private static (long Number, string Suffix) Split(string quantity)
    {
        var digits = quantity.TakeWhile(char.IsAsciiDigit).Count();
        return (long.Parse(quantity[..digits], NumberStyles.None, CultureInfo.InvariantCulture), quantity[digits..]);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
