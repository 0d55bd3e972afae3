using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Import.Env;

/// <summary>
/// CERTIFICATE_MODE of Medic's nginx image to chtctl's TLS: OWN_CERT → files, SELF_SIGNED → self-signed,
/// AUTO_GENERATE (certbot over HTTP-01) → acme.
/// </summary>
internal static class DockerEnvTls
{
    private const string Mode = "CERTIFICATE_MODE";
    private const string DefaultCertificate = "/etc/nginx/private/cert.pem";
    private const string DefaultKey = "/etc/nginx/private/key.pem";

    /// <summary>The compose file's default EMAIL: Medic's own address.</summary>
    private const string MedicEmail = "domains@medic.org";

    private static readonly string[] Modes = ["SELF_SIGNED", "OWN_CERT", "AUTO_GENERATE"];

    private static readonly string[] SubjectKeys = ["COUNTRY", "STATE", "LOCALITY", "ORGANISATION", "DEPARTMENT"];

    public static TlsSpec Read(EnvReader reader, string project)
    {
        var context = reader.Context;
        var tls = new TlsSpec();
        if (reader.Text("COMMON_NAME") is { } host)
        {
            tls = tls with { Host = host };
            context.Origin("tls.host", "COMMON_NAME", reader.Locate("COMMON_NAME"));
        }
        else
        {
            context.Origin("tls.host", "COMMON_NAME", SourceLocation.None);
        }

        foreach (var key in SubjectKeys)
            reader.NotNeeded(key, "a subject field of upstream's self-signed certificate; chtctl's names only the host");
        reader.NotNeeded("SSL_VOLUME_MOUNT_PATH", "chtctl mounts the certificates itself");

        var mode = reader.Text(Mode);
        context.Origin("tls.mode", Mode, reader.Locate(Mode));
        switch (mode)
        {
            case null:
                return NotFiles(reader, tls, "SELF_SIGNED (the default)");
            case "SELF_SIGNED":
                return NotFiles(reader, tls with { Mode = TlsMode.SelfSigned }, mode);
            case "OWN_CERT":
                return OwnCertificate(reader, tls, project);
            case "AUTO_GENERATE":
                return Acme(reader, tls);
            default:
                var suggestion = DidYouMean.Suggest(mode, Modes);
                context.Error(Mode, reader.Locate(Mode), $"expected one of {string.Join(", ", Modes)}; found '{mode}'",
                    suggestion is not null ? $"did you mean '{suggestion}'?" : "upstream's nginx refuses to start with any other value");
                return NotFiles(reader, tls, mode);
        }
    }

    private static TlsSpec OwnCertificate(EnvReader reader, TlsSpec tls, string project)
    {
        var certificate = reader.Text("SSL_CERT_FILE_PATH") ?? DefaultCertificate;
        var key = reader.Text("SSL_KEY_FILE_PATH") ?? DefaultKey;
        var at = reader.Has("SSL_CERT_FILE_PATH") ? "SSL_CERT_FILE_PATH" : Mode;
        reader.Context.Origin("tls.certificateFile", at, reader.Locate(at));
        reader.Context.Origin("tls.keyFile", reader.Has("SSL_KEY_FILE_PATH") ? "SSL_KEY_FILE_PATH" : Mode,
            reader.Locate(reader.Has("SSL_KEY_FILE_PATH") ? "SSL_KEY_FILE_PATH" : Mode));
        reader.NotNeeded("EMAIL", "with OWN_CERT it only named the contact in a self-signed certificate");
        reader.Context.Warning(at, reader.Locate(at),
            $"{certificate} and {key} are paths inside the nginx container (volume {project}_cht-ssl), not on this machine",
            $"copy them out (docker cp {project}-nginx-1:{certificate} ./cert.pem, and the same for the key), then set tls.certificateFile and tls.keyFile to where you put them");
        return tls with { Mode = TlsMode.Files, CertificateFile = certificate, KeyFile = key };
    }

    private static TlsSpec Acme(EnvReader reader, TlsSpec tls)
    {
        var context = reader.Context;
        NotCertificateFiles(reader, "AUTO_GENERATE");
        tls = tls with { Mode = TlsMode.Acme };
        var email = reader.Text("EMAIL");
        context.Origin("tls.acmeEmail", email is null ? Mode : "EMAIL", reader.Locate(email is null ? Mode : "EMAIL"));
        if (email is null)
        {
            context.Error(Mode, reader.Locate(Mode), "AUTO_GENERATE becomes tls.mode acme, which needs a contact e-mail for the certificate authority",
                "set EMAIL (or tls.acmeEmail after import) to an address you read");
            return tls;
        }

        if (string.Equals(email, MedicEmail, StringComparison.OrdinalIgnoreCase))
            context.Warning("EMAIL", reader.Locate("EMAIL"), $"{email} is Medic's address (upstream's default), not yours",
                "the certificate authority writes to this address about expiry and problems: use your own");
        return tls with { AcmeEmail = email };
    }

    private static TlsSpec NotFiles(EnvReader reader, TlsSpec tls, string mode)
    {
        NotCertificateFiles(reader, mode);
        reader.NotNeeded("EMAIL", "it only named the contact in upstream's self-signed certificate");
        return tls;
    }

    private static void NotCertificateFiles(EnvReader reader, string mode)
    {
        reader.NotNeeded("SSL_CERT_FILE_PATH", $"the certificate's path inside the nginx container; chtctl manages it with mode {mode}");
        reader.NotNeeded("SSL_KEY_FILE_PATH", $"the key's path inside the nginx container; chtctl manages it with mode {mode}");
    }
}
