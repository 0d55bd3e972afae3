using System.Text.RegularExpressions;
using Chtctl.Core.Spec;
using Chtctl.Core.Versions;

namespace Chtctl.Core.Validation;

/// <summary>Rules that relate several keys of an instance file: target, platform, node count, storage and TLS.</summary>
internal static partial class CrossFieldRules
{
    public static void Check(InstanceSpec spec, ValidationContext c)
    {
        CheckApiVersion(spec, c);
        CheckCht(spec.Cht, c);
        CheckCouchDb(spec, c);
        CheckTls(spec, c);
        if (spec.Target == DeploymentTarget.Compose)
            CheckCompose(spec, c);
        else
            CheckKubernetes(spec, c);
        CheckImages(spec.Images, c);
    }

    private static void CheckApiVersion(InstanceSpec spec, ValidationContext c)
    {
        if (spec.ApiVersion != InstanceSpec.CurrentApiVersion)
            c.Error("apiVersion", $"expected '{InstanceSpec.CurrentApiVersion}', found '{spec.ApiVersion}'",
                "this chtctl reads instance files of apiVersion chtctl/v1");
    }

    private static void CheckCht(ChtSpec cht, ValidationContext c)
    {
        if (!VersionRequest.TryParse(cht.Version, out var request))
        {
            c.Error("cht.version", $"expected {VersionRequest.Expected}, found '{cht.Version}'");
        }
        else
        {
            var major = request switch
            {
                VersionRequest.Exact e => e.Version.Major,
                VersionRequest.Line l => l.Major,
                _ => (int?)null,
            };
            if (major is { } m && VersionLine.For(m) is null)
                c.Error("cht.version", $"CHT {cht.Version} is not supported: chtctl hosts CHT 4.x and 5.x",
                    m < 4 ? "CHT 3.x data must first be migrated to 4.x (see medic/couchdb-migration)" : "use 4.x or 5.x");
        }

        if (cht.Registry.Length == 0 || cht.Registry.Contains("://", StringComparison.Ordinal) || cht.Registry.Any(char.IsWhiteSpace) || cht.Registry.EndsWith('/'))
            c.Error("cht.registry", $"expected a registry and repository prefix such as public.ecr.aws/medic, found '{cht.Registry}'",
                "write it without a scheme or trailing '/'");

        if (!Uri.TryCreate(cht.BuildsUrl, UriKind.Absolute, out var builds) || (builds.Scheme != "https" && builds.Scheme != "http"))
            c.Error("cht.buildsUrl", $"expected an http(s) URL of a CouchDB builds database, found '{cht.BuildsUrl}'",
                $"the default is {ChtSpec.DefaultBuildsUrl}");
    }

    private static void CheckCouchDb(InstanceSpec spec, ValidationContext c)
    {
        if (spec.Couchdb.Nodes == 2)
            c.Error("couchdb.nodes", "expected 1, or 3 and more; found 2",
                "a two-node CouchDB cluster cannot keep a majority when one node is down: use 1 or 3");
        if (spec.Target == DeploymentTarget.Compose && spec.Couchdb.Nodes > 1)
            c.Warning("couchdb.nodes", $"{spec.Couchdb.Nodes} CouchDB nodes on one machine add no redundancy (CHT uses n=1 sharding)",
                "Medic recommends a single node on Docker; cluster on Kubernetes across machines");
    }

    private static void CheckTls(InstanceSpec spec, ValidationContext c)
    {
        var tls = spec.Tls;
        var mode = tls.EffectiveMode(spec.Target);
        var modeName = SpecNaming(mode);
        if (spec.Target == DeploymentTarget.Compose && mode == TlsMode.Ingress)
            c.Error("tls.mode", "mode 'ingress' needs a Kubernetes Ingress; target is compose",
                "on compose use self-signed, files or acme");
        if (spec.Target == DeploymentTarget.Kubernetes && mode != TlsMode.Ingress)
            c.Error("tls.mode", $"mode '{modeName}' is for the Compose edge (nginx); on Kubernetes TLS ends at the Ingress",
                "use 'mode: ingress' and name the certificate Secret in kubernetes.ingress.tlsSecret");

        if (mode == TlsMode.Files)
        {
            if (string.IsNullOrEmpty(tls.CertificateFile))
                c.Error("tls.certificateFile", "mode 'files' needs the certificate file", "add 'certificateFile: /path/to/fullchain.pem'");
            if (string.IsNullOrEmpty(tls.KeyFile))
                c.Error("tls.keyFile", "mode 'files' needs the private key file", "add 'keyFile: /path/to/privkey.pem'");
        }
        else
        {
            if (tls.CertificateFile is not null)
                c.Error("tls.certificateFile", $"only used with mode 'files', the mode is '{modeName}'", "remove it, or set 'mode: files'");
            if (tls.KeyFile is not null)
                c.Error("tls.keyFile", $"only used with mode 'files', the mode is '{modeName}'", "remove it, or set 'mode: files'");
        }

        if (mode == TlsMode.Acme)
        {
            if (string.IsNullOrEmpty(tls.AcmeEmail))
                c.Error("tls.acmeEmail", "mode 'acme' needs a contact e-mail for the certificate authority", "add 'acmeEmail: ops@example.org'");
            if (tls.Host == "localhost" || !tls.Host.Contains('.', StringComparison.Ordinal))
                c.Error("tls.host", $"an ACME certificate authority cannot issue a certificate for '{tls.Host}'",
                    "set tls.host to the public DNS name that points at this server");
        }
        else if (tls.AcmeEmail is not null)
        {
            c.Error("tls.acmeEmail", $"only used with mode 'acme', the mode is '{modeName}'", "remove it, or set 'mode: acme'");
        }

        if (!Uri.TryCreate(tls.AcmeDirectory, UriKind.Absolute, out var directory) || directory.Scheme != "https")
            c.Error("tls.acmeDirectory", $"expected an https URL of an ACME directory, found '{tls.AcmeDirectory}'");
    }

    private static void CheckCompose(InstanceSpec spec, ValidationContext c)
    {
        var compose = spec.Compose;
        if (compose.Home is { } home && !home.StartsWith('/'))
            c.Error("compose.home", $"expected an absolute path, found '{home}'", $"for example /srv/chtctl/{spec.Name}");
        if (compose.DataDir is { } data && !data.StartsWith('/'))
            c.Error("compose.dataDir", $"expected an absolute path, found '{data}'", "Docker resolves bind mounts on the host; relative paths break");
        if (compose.Ports.Http == compose.Ports.Https)
            c.Error("compose.ports.https", $"HTTP and HTTPS cannot both use port {compose.Ports.Https}", "give each its own port, e.g. 80 and 443");
        if (c.Written("kubernetes"))
            c.Warning("kubernetes", "ignored: the target is compose", "remove the section, or set 'target: kubernetes'");
    }

    private static void CheckKubernetes(InstanceSpec spec, ValidationContext c)
    {
        var k = spec.Kubernetes;
        var nodes = spec.Couchdb.Nodes;
        var platform = SpecNaming(k.Platform);

        if (c.Written("compose"))
            c.Warning("compose", "ignored: the target is kubernetes", "remove the section, or set 'target: compose'");

        if (k.Pinning.Count != 0 && k.Pinning.Count != nodes)
            c.Error("kubernetes.pinning", $"{k.Pinning.Count} node names for {nodes} CouchDB node(s)",
                $"give exactly one Kubernetes node per CouchDB node ({nodes}), or none");
        foreach (var duplicate in k.Pinning.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key))
            c.Error($"kubernetes.pinning[{IndexOf(k.Pinning, duplicate, 1)}]", $"'{duplicate}' is named twice",
                "two CouchDB nodes on one machine share its failure; pin each to its own node");

        var storage = k.Storage;
        CheckPerNodeList(c, "kubernetes.storage.hostPaths", storage.HostPaths, nodes,
            k.Platform is KubernetesPlatform.K3s or KubernetesPlatform.K3d, platform, "k3s or k3d");
        CheckPerNodeList(c, "kubernetes.storage.ebsVolumeIds", storage.EbsVolumeIds, nodes,
            k.Platform == KubernetesPlatform.Eks, platform, "eks");
        CheckPerNodeList(c, "kubernetes.storage.gceDisks", storage.GceDisks, nodes,
            k.Platform == KubernetesPlatform.Gke, platform, "gke");

        for (var i = 0; i < storage.HostPaths.Count; i++)
        {
            if (!storage.HostPaths[i].StartsWith('/'))
                c.Error($"kubernetes.storage.hostPaths[{i}]", $"expected an absolute path, found '{storage.HostPaths[i]}'");
        }

        if (storage.HostPaths.Count > 0 && nodes > 1 && k.Pinning.Count == 0)
            c.Error("kubernetes.storage.hostPaths", "host paths live on one machine each, so each CouchDB node must be pinned to its machine",
                "add kubernetes.pinning with the node that holds each path");

        for (var i = 0; i < storage.EbsVolumeIds.Count; i++)
        {
            if (!EbsVolumeId().IsMatch(storage.EbsVolumeIds[i]))
                c.Error($"kubernetes.storage.ebsVolumeIds[{i}]", $"expected an EBS volume id such as vol-0123456789abcdef0, found '{storage.EbsVolumeIds[i]}'");
        }

        if (storage.Vsphere is not null)
        {
            if (k.Platform != KubernetesPlatform.K3s)
                c.Error("kubernetes.storage.vsphere", $"vSphere volumes are for platform k3s, the platform is '{platform}'");
            if (storage.HostPaths.Count > 0)
                c.Error("kubernetes.storage.vsphere", "choose either vSphere volumes or host paths, not both");
        }

        if (storage.DataSubPath.StartsWith('/') || storage.DataSubPath.Split('/').Contains(".."))
            c.Error("kubernetes.storage.dataSubPath", $"expected a path relative to the volume root, found '{storage.DataSubPath}'",
                "for example 'data', or \"\" for the volume root");

        var host = k.Ingress.Host ?? spec.Tls.Host;
        if (k.Platform is KubernetesPlatform.Eks or KubernetesPlatform.Gke && (host == "localhost" || !host.Contains('.', StringComparison.Ordinal)))
            c.Error(k.Ingress.Host is null ? "tls.host" : "kubernetes.ingress.host",
                $"an Ingress on {platform} needs a public host name, found '{host}'", "set tls.host (or kubernetes.ingress.host) to the instance's DNS name");

        foreach (var key in k.Ingress.Annotations.Keys)
        {
            if (!AnnotationKey().IsMatch(key))
                c.Error($"kubernetes.ingress.annotations.{key}", $"'{key}' is not a valid annotation name", "use prefix/name, e.g. alb.ingress.kubernetes.io/group.name");
        }

        if (k.Ingress.TlsSecret is { } secret && !Regex.IsMatch(secret, DnsLabel.Pattern.Replace("{0,61}", "{0,251}", StringComparison.Ordinal)))
            c.Error("kubernetes.ingress.tlsSecret", $"expected a Kubernetes Secret name, found '{secret}'");
    }

    private static void CheckPerNodeList(ValidationContext c, string path, IReadOnlyList<string> values, int nodes, bool platformAllows, string platform, string allowed)
    {
        if (values.Count == 0)
            return;
        if (!platformAllows)
            c.Error(path, $"only for platform {allowed}, the platform is '{platform}'", "remove it, or change kubernetes.platform");
        else if (values.Count != nodes)
            c.Error(path, $"{values.Count} pre-existing volume(s) for {nodes} CouchDB node(s)", $"give exactly one per CouchDB node ({nodes})");
    }

    private static void CheckImages(ImagesSpec images, ValidationContext c)
    {
        Check(images.Haproxy, "images.haproxy");
        Check(images.Nginx, "images.nginx");
        Check(images.Chtctl, "images.chtctl");

        void Check(string image, string path)
        {
            if (!ImageReference().IsMatch(image))
                c.Error(path, $"expected an image reference such as registry/repository:tag, found '{image}'");
        }
    }

    private static int IndexOf(IReadOnlyList<string> list, string value, int occurrence)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value && occurrence-- == 0)
                return i;
        }

        return 0;
    }

    private static string SpecNaming<T>(T value) where T : Enum => Parsing.SpecNaming.EnumValueOf(value);

    [GeneratedRegex("^vol-[0-9a-f]{8,17}$")]
    private static partial Regex EbsVolumeId();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex AnnotationKey();

    [GeneratedRegex(@"^[a-z0-9]+([._\-/:][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex ImageReference();
}
