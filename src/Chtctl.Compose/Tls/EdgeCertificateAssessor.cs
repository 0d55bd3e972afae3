using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Chtctl.Core.Spec;
using static Chtctl.Compose.Tls.EdgeCertificates;

namespace Chtctl.Compose.Tls;

/// <summary>
/// Decides what to do about the edge certificate from what was read (<see cref="EdgeCertificateInputs"/>),
/// the spec and the time: create, renew, copy, keep, or not handled, with every problem and warning and the
/// summary <c>plan</c> and <c>up</c> print. No file, clock or network access: the same inputs give the same
/// answer. The one outside input is this machine's trusted roots, which decide whether an operator's chain
/// ends at a root clients trust (a warning, never a refusal).
/// </summary>
internal static class EdgeCertificateAssessor
{
    public static EdgeCertificateAssessment Assess(InstanceSpec spec, EdgeCertificateInputs inputs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(inputs);
        var mode = spec.Tls.EffectiveMode(spec.Target);
        return mode switch
        {
            TlsMode.SelfSigned => new EdgeCertificateAssessment(AssessSelfSigned(spec.Tls.Host, inputs.InstalledCertificate, inputs.InstalledKey, now)),
            TlsMode.Files => AssessFiles(spec.Tls.Host, inputs, now),
            TlsMode.Acme => NotHandled(mode, "tls.mode 'acme': chtctl does not issue ACME certificates yet; use 'files' with a certificate from certbot, or 'self-signed'"),
            _ => NotHandled(mode, "tls.mode 'ingress' is for Kubernetes, where TLS ends at the Ingress; on Compose use self-signed, files or acme"),
        };
    }

    private static EdgeCertificateAssessment NotHandled(TlsMode mode, string message) =>
        new(new EdgeCertificatePlan(mode, EdgeCertificateAction.NotHandled, null, [message], [], message, null, null));

    private static EdgeCertificatePlan AssessSelfSigned(string host, FileBytes installedCertificate, FileBytes installedKey, DateTimeOffset now)
    {
        EdgeCertificatePlan Generate(EdgeCertificateAction action, string reason) =>
            new(TlsMode.SelfSigned, action, reason, [], [],
                action == EdgeCertificateAction.Create
                    ? $"self-signed certificate for {host} will be created"
                    : $"self-signed certificate for {host} will be renewed: {reason}",
                null, null);

        var hasCertificate = installedCertificate.Exists;
        var hasKey = installedKey.Exists;
        if (!hasCertificate && !hasKey)
            return Generate(EdgeCertificateAction.Create, "no certificate yet");
        if (!hasCertificate || !hasKey)
            return Generate(EdgeCertificateAction.Renew, $"{(hasCertificate ? KeyFileName : CertificateFileName)} is missing");

        if (installedCertificate.Error is { } certificateError)
            return Generate(EdgeCertificateAction.Renew, $"the files cannot be read ({certificateError})");
        X509Certificate2 leaf;
        try
        {
            var certificates = Pem.Certificates(Text(installedCertificate.Content!));
            if (certificates.Count == 0)
                return Generate(EdgeCertificateAction.Renew, $"{CertificateFileName} holds no certificate");
            leaf = certificates[0];
        }
        catch (CryptographicException e)
        {
            return Generate(EdgeCertificateAction.Renew, $"the files cannot be read ({e.Message})");
        }
        if (installedKey.Error is { } keyError)
            return Generate(EdgeCertificateAction.Renew, $"the files cannot be read ({keyError})");
        var keyPublic = Pem.PublicKeyOfPrivateKey(Text(installedKey.Content!));
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
        if (notAfter - now < EdgeCertificates.RenewBefore)
            return Generate(EdgeCertificateAction.Renew, notAfter <= now ? $"expired on {Day(notAfter)}" : $"expires in {DaysLeft(notAfter, now)} days");

        return new EdgeCertificatePlan(TlsMode.SelfSigned, EdgeCertificateAction.None, null, [], [],
            $"self-signed certificate for {host} is current, valid until {Day(notAfter)}",
            EdgeCertificateMatch.Thumbprint(leaf), notAfter);
    }

    private static EdgeCertificateAssessment AssessFiles(string host, EdgeCertificateInputs inputs, DateTimeOffset now)
    {
        var problems = new List<string>();
        var warnings = new List<string>();
        var certificatePath = Resolve(inputs.SourceCertificate, "tls.certificateFile", problems);
        var keyPath = Resolve(inputs.SourceKey, "tls.keyFile", problems);
        var inspect = certificatePath is null ? "" : $"; inspect it with 'openssl x509 -noout -text -in {certificatePath}'";

        X509Certificate2Collection? certificates = null;
        if (Content(inputs.SourceCertificate, "tls.certificateFile", problems) is { } certificateText)
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
        var keyBytes = Content(inputs.SourceKey, "tls.keyFile", problems);
        if (keyBytes is not null)
        {
            var keyText = Encoding.UTF8.GetString(keyBytes);
            if (Pem.IsEncryptedKey(keyText))
                problems.Add($"tls.keyFile: {keyPath} is encrypted with a passphrase, which nginx cannot ask for; write a plain copy with 'openssl pkey -in {keyPath} -out privkey.pem' and point tls.keyFile at it");
            else if ((keyPublic = Pem.PublicKeyOfPrivateKey(keyText)) is null)
                problems.Add($"tls.keyFile: {keyPath} holds no RSA or ECDSA private key in PEM (expected '-----BEGIN PRIVATE KEY-----'); check it with 'openssl pkey -noout -text -in {keyPath}'");
        }

        if (certificates is null)
            return new EdgeCertificateAssessment(Refused(problems, warnings));

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

        if (!HostCoverage.Covers(leaf, host))
            problems.Add($"tls.certificateFile: the certificate in {certificatePath} does not cover host {host}; it covers {string.Join(", ", HostCoverage.Names(leaf))}; "
                + $"get a certificate whose subjectAltName names {host}, or set tls.host to a covered name{inspect}");

        var notBefore = Pem.NotBefore(leaf);
        var notAfter = Pem.NotAfter(leaf);
        if (notAfter <= now)
            problems.Add($"tls.certificateFile: the certificate in {certificatePath} expired on {notAfter:u}; renew it with your CA{inspect}");
        else if (now < notBefore)
            problems.Add($"tls.certificateFile: the certificate in {certificatePath} is not valid before {notBefore:u}; check this machine's clock, or wait{inspect}");
        else if (notAfter - now < EdgeCertificates.RenewBefore)
            warnings.Add($"tls.certificateFile: the certificate in {certificatePath} expires in {DaysLeft(notAfter, now)} days ({Day(notAfter)}); renew it and run 'chtctl up' again");

        var chain = Chain(leaf, certificates, certificatePath!, now, problems, warnings, inspect);
        if (problems.Count > 0)
            return new EdgeCertificateAssessment(Refused(problems, warnings));

        var certificatePem = Pem.Encode(chain);
        var thumbprint = EdgeCertificateMatch.Thumbprint(leaf);
        var installedCertificate = inputs.InstalledCertificate.Content;
        var installedKey = inputs.InstalledKey.Content;
        var same = installedCertificate is not null && installedKey is not null
            && installedCertificate.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(certificatePem))
            && installedKey.AsSpan().SequenceEqual(keyBytes);
        var source = $"{certificatePath} and {keyPath}";
        if (same)
        {
            return new EdgeCertificateAssessment(new EdgeCertificatePlan(TlsMode.Files, EdgeCertificateAction.None, null, [], warnings,
                $"certificate for {host} from {certificatePath} is installed, valid until {Day(notAfter)}", thumbprint, notAfter));
        }

        var reason = installedCertificate is null && installedKey is null ? "no certificate yet" : "the files changed";
        var plan = new EdgeCertificatePlan(TlsMode.Files, EdgeCertificateAction.Copy, reason, [], warnings,
            $"certificate for {host} will be copied from {source} ({reason}), valid until {Day(notAfter)}", thumbprint, notAfter);
        return new EdgeCertificateAssessment(plan, certificatePem, keyBytes, source);
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

    private static string? Resolve(FileBytes? file, string field, List<string> problems)
    {
        if (file is null)
        {
            problems.Add($"{field}: mode 'files' needs it; add the path of the PEM file");
            return null;
        }

        return file.Path;
    }

    private static byte[]? Content(FileBytes? file, string field, List<string> problems)
    {
        if (file is null)
            return null;
        if (file.Missing)
            problems.Add($"{field}: {file.Path} does not exist; check the path (relative paths are read from the instance file's directory)");
        else if (file.Error is not null)
            problems.Add($"{field}: {file.Path} cannot be read ({file.Error}); make it readable by the user running chtctl");
        return file.Content;
    }

    /// <summary>The bytes as <see cref="File.ReadAllText(string)"/> decodes them: UTF-8 unless a byte order mark says otherwise.</summary>
    private static string Text(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static int DaysLeft(DateTimeOffset notAfter, DateTimeOffset now) => (int)Math.Floor((notAfter - now).TotalDays);

    internal static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
