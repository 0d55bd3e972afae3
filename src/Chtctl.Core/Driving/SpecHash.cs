using System.Security.Cryptography;
using System.Text;
using Chtctl.Core.Spec;
using Chtctl.Core.Writing;

namespace Chtctl.Core.Driving;

/// <summary>
/// The <c>specHash</c> of history, one meaning on every target: a short hash of the effective instance settings
/// as the instance file writer spells them, with the CHT version resolved. Two entries with the same hash ran the
/// same settings; the spec holds no secrets, so neither does the hash.
/// </summary>
public static class SpecHash
{
    public static string Of(InstanceSpec spec, string chtVersion)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var effective = spec with { Cht = spec.Cht with { Version = chtVersion } };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(InstanceFileWriter.Write(effective, ""))))[..16];
    }
}
