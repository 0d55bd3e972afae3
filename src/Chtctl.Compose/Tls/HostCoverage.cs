using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Chtctl.Compose.Tls;

/// <summary>Whether a certificate covers a host name, by the rules browsers apply (RFC 6125).</summary>
internal static class HostCoverage
{
    public static bool Covers(X509Certificate2 certificate, string host)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null)
        {
            // Clients ignore the CN once a SAN extension exists; only very old certificates rely on it.
            var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            return !string.IsNullOrEmpty(commonName) && Matches(commonName, host);
        }

        if (IPAddress.TryParse(host, out var address))
            return san.EnumerateIPAddresses().Any(a => a.Equals(address));
        return san.EnumerateDnsNames().Any(name => Matches(name, host));
    }

    /// <summary>Names the certificate is for, to show an operator what it does cover.</summary>
    public static IEnumerable<string> Names(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null)
            return [certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false)];
        return san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(a => a.ToString()));
    }

    /// <summary>A wildcard stands for exactly one whole left-most label: <c>*.example.org</c> covers
    /// <c>a.example.org</c>, not <c>example.org</c> nor <c>a.b.example.org</c>.</summary>
    private static bool Matches(string pattern, string host)
    {
        pattern = pattern.TrimEnd('.');
        host = host.TrimEnd('.');
        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
            return string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(pattern[2..], host[(dot + 1)..], StringComparison.OrdinalIgnoreCase);
    }
}
