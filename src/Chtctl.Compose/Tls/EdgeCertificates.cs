using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Chtctl.Compose.Layout;
using Chtctl.Core.Spec;
using Chtctl.Core.Writing;

namespace Chtctl.Compose.Tls;

/// <summary>
/// The edge's certificate in <c>&lt;home&gt;/certs</c> (cert.pem, key.pem), which nginx reads. <see cref="Check"/>
/// answers <c>plan</c> without writing; <see cref="Prepare"/> makes it so during <c>up</c>. Both read the
/// same assessment, so the plan never promises something <c>up</c> would not do.
/// </summary>
/// <param name="time">The clock for validity and renewal decisions.</param>
/// <param name="relativeTo">
/// Where relative <c>tls.certificateFile</c> / <c>tls.keyFile</c> paths are read from: the loader keeps
/// them as written, so the caller passes the instance file's directory; the current directory otherwise.
/// </param>
public sealed class EdgeCertificates(TimeProvider time, string? relativeTo = null)
{
    /// <summary>Renew (self-signed) or warn (files) when fewer days than this are left.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public const string CertificateFileName = "cert.pem";
    public const string KeyFileName = "key.pem";

    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    public static string CertificatePath(InstanceHomeLayout layout) => layout.Certificates + "/" + CertificateFileName;

    public static string KeyPath(InstanceHomeLayout layout) => layout.Certificates + "/" + KeyFileName;

    public EdgeCertificatePlan Check(InstanceSpec spec, InstanceHomeLayout layout) => Assess(spec, layout).Plan;

    public EdgeCertificateResult Prepare(InstanceSpec spec, InstanceHomeLayout layout)
    {
        var assessment = Assess(spec, layout);
        var plan = assessment.Plan;
        if (!plan.Ok || plan.Action is EdgeCertificateAction.NotHandled)
            return new EdgeCertificateResult(false, false, plan.Problems, plan.Warnings, plan.Summary, plan.Thumbprint, plan.NotAfter);

        var host = spec.Tls.Host;
        switch (plan.Action)
        {
            case EdgeCertificateAction.Create or EdgeCertificateAction.Renew:
                {
                    var generated = SelfSignedCertificate.Create(host, _time.GetUtcNow());
                    Install(layout, generated.CertificatePem, Encoding.ASCII.GetBytes(generated.KeyPem));
                    var notAfter = Pem.NotAfter(generated.Certificate);
                    var verb = plan.Action == EdgeCertificateAction.Create ? "created" : $"renewed ({plan.Reason})";
                    return new EdgeCertificateResult(true, true, [], plan.Warnings,
                        $"self-signed certificate for {host} {verb}, valid until {Day(notAfter)}",
                        EdgeCertificateMatch.Thumbprint(generated.Certificate), notAfter);
                }

            case EdgeCertificateAction.Copy:
                Install(layout, assessment.CertificatePem!, assessment.KeyBytes!);
                return new EdgeCertificateResult(true, true, [], plan.Warnings,
                    $"certificate for {host} copied from {assessment.Source}, valid until {Day(plan.NotAfter!.Value)}",
                    plan.Thumbprint, plan.NotAfter);

            default:
                TightenKeyMode(layout);
                return new EdgeCertificateResult(true, false, [], plan.Warnings, plan.Summary, plan.Thumbprint, plan.NotAfter);
        }
    }

    private sealed record Assessment(EdgeCertificatePlan Plan, string? CertificatePem = null, byte[]? KeyBytes = null, string? Source = null);

    private Assessment Assess(InstanceSpec spec, InstanceHomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(layout);
        var mode = spec.Tls.EffectiveMode(spec.Target);
        return mode switch
        {
            TlsMode.SelfSigned => new Assessment(AssessSelfSigned(spec.Tls.Host, layout)),
            TlsMode.Files => AssessFiles(spec.Tls, layout),
            TlsMode.Acme => NotHandled(mode, "tls.mode 'acme': chtctl does not issue ACME certificates yet; use 'files' with a certificate from certbot, or 'self-signed'"),
            _ => NotHandled(mode, "tls.mode 'ingress' is for Kubernetes, where TLS ends at the Ingress; on Compose use self-signed, files or acme"),
        };
    }

    private static Assessment NotHandled(TlsMode mode, string message) =>
        new(new EdgeCertificatePlan(mode, EdgeCertificateAction.NotHandled, null, [message], [], message, null, null));

    private EdgeCertificatePlan AssessSelfSigned(string host, InstanceHomeLayout layout)
    {
        var now = _time.GetUtcNow();
        EdgeCertificatePlan Generate(EdgeCertificateAction action, string reason) =>
            new(TlsMode.SelfSigned, action, reason, [], [],
                action == EdgeCertificateAction.Create
                    ? $"self-signed certificate for {host} will be created"
                    : $"self-signed certificate for {host} will be renewed: {reason}",
                null, null);

        var certificatePath = CertificatePath(layout);
        var keyPath = KeyPath(layout);
        var hasCertificate = File.Exists(certificatePath);
        var hasKey = File.Exists(keyPath);
        if (!hasCertificate && !hasKey)
            return Generate(EdgeCertificateAction.Create, "no certificate yet");
        if (!hasCertificate || !hasKey)
            return Generate(EdgeCertificateAction.Renew, $"{(hasCertificate ? KeyFileName : CertificateFileName)} is missing");

        X509Certificate2 leaf;
        byte[]? keyPublic;
        try
        {
            var certificates = Pem.Certificates(File.ReadAllText(certificatePath));
            if (certificates.Count == 0)
                return Generate(EdgeCertificateAction.Renew, $"{CertificateFileName} holds no certificate");
            leaf = certificates[0];
            keyPublic = Pem.PublicKeyOfPrivateKey(File.ReadAllText(keyPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return Generate(EdgeCertificateAction.Renew, $"the files cannot be read ({e.Message})");
        }

        if (keyPublic is null)
            return Generate(EdgeCertificateAction.Renew, $"{KeyFileName} holds no private key");
        if (!keyPublic.AsSpan().SequenceEqual(Pem.PublicKeyOf(leaf)))
            return Generate(EdgeCertificateAction.Renew, $"{KeyFileName} does not match {CertificateFileName}");
        // After a switch from 'files', the operator's certificate is left in place; self-signed means ours.
        if (leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData) is false)
            return Generate(EdgeCertificateAction.Renew, "the installed certificate is not self-signed (the mode changed)");
        if (!HostCoverage.Covers(leaf, host))
            return Generate(EdgeCertificateAction.Renew, $"host {host} is no longer covered (it covers {string.Join(", ", HostCoverage.Names(leaf))})");
        var notAfter = Pem.NotAfter(leaf);
        if (now < Pem.NotBefore(leaf))
            return Generate(EdgeCertificateAction.Renew, $"not valid before {Pem.NotBefore(leaf):u}");
        if (notAfter - now < RenewBefore)
            return Generate(EdgeCertificateAction.Renew, notAfter <= now ? $"expired on {Day(notAfter)}" : $"expires in {DaysLeft(notAfter, now)} days");

        return new EdgeCertificatePlan(TlsMode.SelfSigned, EdgeCertificateAction.None, null, [], [],
            $"self-signed certificate for {host} is current, valid until {Day(notAfter)}",
            EdgeCertificateMatch.Thumbprint(leaf), notAfter);
    }

    private Assessment AssessFiles(TlsSpec tls, InstanceHomeLayout layout)
    {
        var now = _time.GetUtcNow();
        var problems = new List<string>();
        var warnings = new List<string>();
        var certificatePath = Resolve(tls.CertificateFile, "tls.certificateFile", problems);
        var keyPath = Resolve(tls.KeyFile, "tls.keyFile", problems);
        var inspect = certificatePath is null ? "" : $"; inspect it with 'openssl x509 -noout -text -in {certificatePath}'";

        X509Certificate2Collection? certificates = null;
        if (ReadFile(certificatePath, "tls.certificateFile", problems) is { } certificateText)
        {
            try
            {
                certificates = Pem.Certificates(Encoding.UTF8.GetString(certificateText));
                if (certificates.Count == 0)
                {
                    problems.Add($"tls.certificateFile: {certificatePath} holds no PEM certificate (expected '-----BEGIN CERTIFICATE-----' blocks){inspect}");
                    certificates = null;
                }
            }
            catch (CryptographicException)
            {
                problems.Add($"tls.certificateFile: {certificatePath} has a damaged PEM certificate block{inspect}");
            }
        }

        byte[]? keyPublic = null;
        var keyBytes = ReadFile(keyPath, "tls.keyFile", problems);
        if (keyBytes is not null)
        {
            var keyText = Encoding.UTF8.GetString(keyBytes);
            if (Pem.IsEncryptedKey(keyText))
                problems.Add($"tls.keyFile: {keyPath} is encrypted with a passphrase, which nginx cannot ask for; write a plain copy with 'openssl pkey -in {keyPath} -out privkey.pem' and point tls.keyFile at it");
            else if ((keyPublic = Pem.PublicKeyOfPrivateKey(keyText)) is null)
                problems.Add($"tls.keyFile: {keyPath} holds no RSA or ECDSA private key in PEM (expected '-----BEGIN PRIVATE KEY-----'); check it with 'openssl pkey -noout -text -in {keyPath}'");
        }

        if (certificates is null)
            return new Assessment(Refused(problems, warnings));

        var leaf = certificates[0];
        if (keyPublic is not null)
        {
            // The leaf is the certificate the key belongs to, wherever the CA put it in the bundle.
            var matching = certificates.FirstOrDefault(c => keyPublic.AsSpan().SequenceEqual(Pem.PublicKeyOf(c)));
            if (matching is null)
                problems.Add($"tls.keyFile: the key in {keyPath} does not belong to the certificate in {certificatePath} ('{leaf.Subject}'); "
                    + $"compare 'openssl x509 -noout -pubkey -in {certificatePath}' with 'openssl pkey -pubout -in {keyPath}' and use the key the certificate was issued for");
            else
                leaf = matching;
        }

        var host = tls.Host;
        if (!HostCoverage.Covers(leaf, host))
            problems.Add($"tls.certificateFile: the certificate in {certificatePath} does not cover host {host}; it covers {string.Join(", ", HostCoverage.Names(leaf))}; "
                + $"get a certificate whose subjectAltName names {host}, or set tls.host to a covered name{inspect}");

        var notBefore = Pem.NotBefore(leaf);
        var notAfter = Pem.NotAfter(leaf);
        if (notAfter <= now)
            problems.Add($"tls.certificateFile: the certificate in {certificatePath} expired on {notAfter:u}; renew it with your CA{inspect}");
        else if (now < notBefore)
            problems.Add($"tls.certificateFile: the certificate in {certificatePath} is not valid before {notBefore:u}; check this machine's clock, or wait{inspect}");
        else if (notAfter - now < RenewBefore)
            warnings.Add($"tls.certificateFile: the certificate in {certificatePath} expires in {DaysLeft(notAfter, now)} days ({Day(notAfter)}); renew it and run 'chtctl up' again");

        var chain = Chain(leaf, certificates, certificatePath!, now, problems, warnings, inspect);
        if (problems.Count > 0)
            return new Assessment(Refused(problems, warnings));

        var certificatePem = Pem.Encode(chain);
        var thumbprint = EdgeCertificateMatch.Thumbprint(leaf);
        var installedCertificate = TryReadBytes(CertificatePath(layout));
        var installedKey = TryReadBytes(KeyPath(layout));
        var same = installedCertificate is not null && installedKey is not null
            && installedCertificate.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(certificatePem))
            && installedKey.AsSpan().SequenceEqual(keyBytes);
        var source = $"{certificatePath} and {keyPath}";
        if (same)
        {
            return new Assessment(new EdgeCertificatePlan(TlsMode.Files, EdgeCertificateAction.None, null, [], warnings,
                $"certificate for {host} from {certificatePath} is installed, valid until {Day(notAfter)}", thumbprint, notAfter));
        }

        var reason = installedCertificate is null && installedKey is null ? "no certificate yet" : "the files changed";
        var plan = new EdgeCertificatePlan(TlsMode.Files, EdgeCertificateAction.Copy, reason, [], warnings,
            $"certificate for {host} will be copied from {source} ({reason}), valid until {Day(notAfter)}", thumbprint, notAfter);
        return new Assessment(plan, certificatePem, keyBytes, source);
    }

    /// <summary>
    /// The chain nginx should send: the leaf, then the certificates of the file that lead to a root, in
    /// order. Certificates are never downloaded (AIA) and revocation is not checked: the answer must
    /// depend on the file and this machine only, and plan must not touch the network.
    /// </summary>
    private static List<X509Certificate2> Chain(X509Certificate2 leaf, X509Certificate2Collection file, string path, DateTimeOffset now,
        List<string> problems, List<string> warnings, string inspect)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        // Validity is judged on the leaf above, with the days left; here only the links matter.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreNotTimeNested
            | X509VerificationFlags.IgnoreCtlNotTimeValid;
        var others = file.Where(c => !ReferenceEquals(c, leaf)).ToList();
        chain.ChainPolicy.ExtraStore.AddRange(others.ToArray());
        chain.Build(leaf);

        var elements = chain.ChainElements.Select(e => e.Certificate).ToList();
        var inFile = new HashSet<string>(file.Select(c => c.Thumbprint), StringComparer.Ordinal);
        var result = new List<X509Certificate2> { leaf };
        result.AddRange(elements.Skip(1).Where(c => inFile.Contains(c.Thumbprint)).Select(c => file.First(f => f.Thumbprint == c.Thumbprint)));

        var last = elements[^1];
        var selfIssued = last.SubjectName.RawData.AsSpan().SequenceEqual(last.IssuerName.RawData);
        var ignored = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested | X509ChainStatusFlags.CtlNotTimeValid
            | X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation
            | X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot;
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);

        if (!selfIssued || flags.HasFlag(X509ChainStatusFlags.PartialChain))
        {
            if (others.Count == 0)
                problems.Add($"tls.certificateFile: {path} has the leaf only; append the intermediate certificate(s) from your CA (issuer '{leaf.Issuer}'), "
                    + "usually the file named fullchain.pem or chain.pem, after the leaf");
            else
                problems.Add($"tls.certificateFile: the chain in {path} is incomplete: the issuer '{last.Issuer}' of '{last.Subject}' is neither in the file nor trusted by this system; "
                    + $"append the intermediate certificate(s) from your CA{inspect}");
        }
        else if (flags.HasFlag(X509ChainStatusFlags.UntrustedRoot))
        {
            warnings.Add(elements.Count == 1
                ? $"tls.certificateFile: the certificate in {path} is self-signed; clients warn unless they are told to trust it"
                : $"tls.certificateFile: the chain in {path} ends at '{last.Subject}', which this system does not trust; clients need that root installed");
        }

        if ((flags & ~ignored) != X509ChainStatusFlags.NoError)
        {
            var why = string.Join("; ", chain.ChainStatus.Where(s => (s.Status & ~ignored) != 0).Select(s => s.StatusInformation.Trim()).Distinct(StringComparer.Ordinal));
            problems.Add($"tls.certificateFile: the chain in {path} does not verify: {why}{inspect}");
        }

        return result;
    }

    private static EdgeCertificatePlan Refused(List<string> problems, List<string> warnings) =>
        new(TlsMode.Files, EdgeCertificateAction.None, null, problems, warnings,
            $"certificate files refused: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}", null, null);

    private string? Resolve(string? path, string field, List<string> problems)
    {
        if (string.IsNullOrEmpty(path))
        {
            problems.Add($"{field}: mode 'files' needs it; add the path of the PEM file");
            return null;
        }

        return Path.GetFullPath(path, relativeTo ?? Directory.GetCurrentDirectory());
    }

    private static byte[]? ReadFile(string? path, string field, List<string> problems)
    {
        if (path is null)
            return null;
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add($"{field}: {path} does not exist; check the path (relative paths are read from the instance file's directory)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{field}: {path} cannot be read ({e.Message}); make it readable by the user running chtctl");
        }

        return null;
    }

    private static byte[]? TryReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Install(InstanceHomeLayout layout, string certificatePem, byte[] key)
    {
        Pem.EnsurePrivateDirectory(layout.Certificates);
        // Two renames cannot be one atomic step; a crash between them leaves a key that does not match the
        // certificate, which the next run's mismatch check finds and repairs.
        AtomicFile.Write(KeyPath(layout), key, Pem.OwnerOnlyFile);
        AtomicFile.Write(CertificatePath(layout), certificatePem, Pem.PublicFile);
    }

    private static void TightenKeyMode(InstanceHomeLayout layout)
    {
        var key = KeyPath(layout);
        if (File.Exists(key) && File.GetUnixFileMode(key) != Pem.OwnerOnlyFile)
            File.SetUnixFileMode(key, Pem.OwnerOnlyFile);
    }

    private static int DaysLeft(DateTimeOffset notAfter, DateTimeOffset now) => (int)Math.Floor((notAfter - now).TotalDays);

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
