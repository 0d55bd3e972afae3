using Chtctl.Core.Parsing;

namespace Chtctl.Core.Tests.Validation;

/// <summary>
/// Bad instance files and the exact lines an operator sees for each: where (file:line:column), which key,
/// what was expected, and a hint. Every row must fail validation with exactly these errors.
/// </summary>
public sealed class BadInstanceFileTests
{
    private const string Head = "apiVersion: chtctl/v1\nname: clinic-a\n";
    private const string K8s = Head + "target: kubernetes\ntls: { mode: ingress, host: cht.example.org }\n";

    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "unknown key at the wrong level", Head + "nodes: 3\n",
            ["instance.yaml:3:1: error: nodes: unknown key 'nodes' (hint: did you mean 'couchdb.nodes'?)"] },
        { "misspelt key", Head + "cht: { verison: 4.22.0 }\n",
            ["instance.yaml:3:8: error: cht.verison: unknown key 'verison' (hint: did you mean 'version'?)"] },
        { "two CouchDB nodes", Head + "couchdb: { nodes: 2 }\n",
            ["instance.yaml:3:19: error: couchdb.nodes: expected 1, or 3 and more; found 2 (hint: a two-node CouchDB cluster cannot keep a majority when one node is down: use 1 or 3)"] },
        { "zero CouchDB nodes", Head + "couchdb: { nodes: 0 }\n",
            ["instance.yaml:3:19: error: couchdb.nodes: expected a number from 1 to 15, found 0"] },
        { "node count in words", Head + "couchdb: { nodes: three }\n",
            ["instance.yaml:3:19: error: couchdb.nodes: expected a whole number, found 'three'"] },
        { "name not a DNS label", "apiVersion: chtctl/v1\nname: Clinic_A\n",
            ["instance.yaml:2:7: error: name: expected a DNS label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters, found 'Clinic_A' (hint: try 'clinic-a')"] },
        { "wrong apiVersion", "apiVersion: chtctl/v2\nname: clinic-a\n",
            ["instance.yaml:1:13: error: apiVersion: expected 'chtctl/v1', found 'chtctl/v2' (hint: this chtctl reads instance files of apiVersion chtctl/v1)"] },
        { "missing name", "apiVersion: chtctl/v1\ntarget: compose\n",
            ["instance.yaml:1:1: error: name: required key 'name' is missing (hint: add 'name: clinic-a')"] },
        { "unknown target", Head + "target: docker\n",
            ["instance.yaml:3:9: error: target: expected one of: compose, kubernetes, found 'docker'"] },
        { "misspelt TLS mode", Head + "tls: { mode: selfsigned }\n",
            ["instance.yaml:3:14: error: tls.mode: expected one of: self-signed, files, acme, ingress, found 'selfsigned' (hint: did you mean 'self-signed'?)"] },
        { "TLS files without files", Head + "tls: { mode: files, host: cht.example.org }\n",
            ["instance.yaml:3:6: error: tls.certificateFile: mode 'files' needs the certificate file (hint: add 'certificateFile: /path/to/fullchain.pem')",
             "instance.yaml:3:6: error: tls.keyFile: mode 'files' needs the private key file (hint: add 'keyFile: /path/to/privkey.pem')"] },
        { "ACME without e-mail", Head + "tls: { mode: acme, host: cht.example.org }\n",
            ["instance.yaml:3:6: error: tls.acmeEmail: mode 'acme' needs a contact e-mail for the certificate authority (hint: add 'acmeEmail: ops@example.org')"] },
        { "ACME for localhost", Head + "tls: { mode: acme, acmeEmail: ops@example.org }\n",
            ["instance.yaml:3:6: error: tls.host: an ACME certificate authority cannot issue a certificate for 'localhost' (hint: set tls.host to the public DNS name that points at this server)"] },
        { "ACME e-mail with another mode", Head + "tls: { mode: self-signed, acmeEmail: ops@example.org }\n",
            ["instance.yaml:3:38: error: tls.acmeEmail: only used with mode 'acme', the mode is 'self-signed' (hint: remove it, or set 'mode: acme')"] },
        { "ingress TLS on compose", Head + "tls: { mode: ingress }\n",
            ["instance.yaml:3:14: error: tls.mode: mode 'ingress' needs a Kubernetes Ingress; target is compose (hint: on compose use self-signed, files or acme)"] },
        { "self-signed TLS on kubernetes", Head + "target: kubernetes\ntls: { mode: self-signed, host: cht.example.org }\n",
            ["instance.yaml:4:14: error: tls.mode: mode 'self-signed' is for the Compose edge (nginx); on Kubernetes TLS ends at the Ingress (hint: use 'mode: ingress' and name the certificate Secret in kubernetes.ingress.tlsSecret)"] },
        { "pinning shorter than node count", K8s + "couchdb: { nodes: 3 }\nkubernetes: { pinning: [w1, w2] }\n",
            ["instance.yaml:6:24: error: kubernetes.pinning: 2 node names for 3 CouchDB node(s) (hint: give exactly one Kubernetes node per CouchDB node (3), or none)"] },
        { "one machine pinned twice", K8s + "couchdb: { nodes: 3 }\nkubernetes: { pinning: [w1, w2, w1] }\n",
            ["instance.yaml:6:33: error: kubernetes.pinning[2]: 'w1' is named twice (hint: two CouchDB nodes on one machine share its failure; pin each to its own node)"] },
        { "host paths on EKS", K8s + "kubernetes: { platform: eks, storage: { hostPaths: [/srv/couchdb1] } }\n",
            ["instance.yaml:5:52: error: kubernetes.storage.hostPaths: only for platform k3s or k3d, the platform is 'eks' (hint: remove it, or change kubernetes.platform)"] },
        { "EBS volumes fewer than nodes", K8s + "couchdb: { nodes: 3 }\nkubernetes: { platform: eks, storage: { ebsVolumeIds: [vol-0123456789abcdef0] } }\n",
            ["instance.yaml:6:55: error: kubernetes.storage.ebsVolumeIds: 1 pre-existing volume(s) for 3 CouchDB node(s) (hint: give exactly one per CouchDB node (3))"] },
        { "malformed EBS volume id", K8s + "kubernetes: { platform: eks, storage: { ebsVolumeIds: [disk-1] } }\n",
            ["instance.yaml:5:56: error: kubernetes.storage.ebsVolumeIds[0]: expected an EBS volume id such as vol-0123456789abcdef0, found 'disk-1'"] },
        { "GCE disks on k3s", K8s + "kubernetes: { storage: { gceDisks: [cht-disk] } }\n",
            ["instance.yaml:5:36: error: kubernetes.storage.gceDisks: only for platform gke, the platform is 'k3s' (hint: remove it, or change kubernetes.platform)"] },
        { "vSphere on EKS", K8s + "kubernetes: { platform: eks, storage: { vsphere: { datastore: ds1, diskPath: cht } } }\n",
            ["instance.yaml:5:50: error: kubernetes.storage.vsphere: vSphere volumes are for platform k3s, the platform is 'eks'"] },
        { "cluster host paths without pinning", K8s + "couchdb: { nodes: 3 }\nkubernetes: { storage: { hostPaths: [/a, /b, /c] } }\n",
            ["instance.yaml:6:37: error: kubernetes.storage.hostPaths: host paths live on one machine each, so each CouchDB node must be pinned to its machine (hint: add kubernetes.pinning with the node that holds each path)"] },
        { "HTTP and HTTPS on one port", Head + "compose: { ports: { http: 8443, https: 8443 } }\n",
            ["instance.yaml:3:40: error: compose.ports.https: HTTP and HTTPS cannot both use port 8443 (hint: give each its own port, e.g. 80 and 443)"] },
        { "port out of range", Head + "compose: { ports: { https: 70000 } }\n",
            ["instance.yaml:3:28: error: compose.ports.https: expected a number from 1 to 65535, found 70000"] },
        { "relative instance home", Head + "compose: { home: srv/cht }\n",
            ["instance.yaml:3:18: error: compose.home: expected an absolute path, found 'srv/cht' (hint: for example /srv/chtctl/clinic-a)"] },
        { "version without patch", Head + "cht: { version: '4.22' }\n",
            ["instance.yaml:3:17: error: cht.version: expected an exact version such as 4.22.0, a release line such as 4.x or 5.x, or latest, found '4.22'"] },
        { "CHT 3.x", Head + "cht: { version: 3.x }\n",
            ["instance.yaml:3:17: error: cht.version: CHT 3.x is not supported: chtctl hosts CHT 4.x and 5.x (hint: CHT 3.x data must first be migrated to 4.x (see medic/couchdb-migration))"] },
        { "builds server not http", Head + "cht: { buildsUrl: 'ftp://builds.example.org' }\n",
            ["instance.yaml:3:19: error: cht.buildsUrl: expected an http(s) URL of a CouchDB builds database, found 'ftp://builds.example.org' (hint: the default is https://staging.dev.medicmobile.org/_couch/builds_4)"] },
        { "registry with a scheme", Head + "cht: { registry: 'https://registry.example.org/medic' }\n",
            ["instance.yaml:3:18: error: cht.registry: expected a registry and repository prefix such as public.ecr.aws/medic, found 'https://registry.example.org/medic' (hint: write it without a scheme or trailing '/')"] },
        { "data sub-path escaping the volume", K8s + "kubernetes: { storage: { dataSubPath: ../data } }\n",
            ["instance.yaml:5:39: error: kubernetes.storage.dataSubPath: expected a path relative to the volume root, found '../data' (hint: for example 'data', or \"\" for the volume root)"] },
        { "CPU request in words", Head + "resources: { api: { cpu: lots } }\n",
            ["instance.yaml:3:26: error: resources.api.cpu: expected a CPU quantity such as 500m or 2, found 'lots'"] },
        { "annotation name with spaces", K8s + "kubernetes: { ingress: { annotations: { 'my annotation': x } } }\n",
            ["instance.yaml:5:41: error: kubernetes.ingress.annotations.my annotation: 'my annotation' is not a valid annotation name (hint: use prefix/name, e.g. alb.ingress.kubernetes.io/group.name)"] },
        { "EKS ingress for localhost", Head + "target: kubernetes\nkubernetes: { platform: eks }\n",
            ["instance.yaml:1:1: error: tls.host: an Ingress on eks needs a public host name, found 'localhost' (hint: set tls.host (or kubernetes.ingress.host) to the instance's DNS name)"] },
        { "not YAML", Head + "couchdb:\n  nodes: 1\n user: medic\n",
            ["instance.yaml:5:2: error: not valid YAML: While parsing a block mapping, did not find expected key. (hint: check indentation and quoting around this line)"] },
        { "a list instead of a mapping", "- apiVersion: chtctl/v1\n",
            ["instance.yaml:1:1: error: expected one YAML document with a mapping at the top (hint: start the file with 'apiVersion: chtctl/v1' and 'name: <instance>')"] },
        { "one pinned node written without a list", K8s + "kubernetes: { pinning: worker-1 }\n",
            ["instance.yaml:5:24: error: kubernetes.pinning: expected a list, found a single value (hint: write it as a list: [worker-1])"] },
        { "image reference with spaces", Head + "images: { haproxy: 'my haproxy' }\n",
            ["instance.yaml:3:20: error: images.haproxy: expected an image reference such as registry/repository:tag, found 'my haproxy'"] },
        { "host name in capitals", Head + "tls: { host: CHT.Example.org }\n",
            ["instance.yaml:3:14: error: tls.host: expected a lowercase DNS host name such as cht.example.org, found 'CHT.Example.org' (hint: try 'cht.example.org')"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_file_is_refused_with_every_error_located_and_explained(string situation, string yaml, string[] expected)
    {
        var result = InstanceFileReader.Read(yaml, "instance.yaml");

        Assert.False(result.Succeeded, situation);
        var errors = result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), errors);
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_at_once()
    {
        var yaml = "apiVersion: chtctl/v2\nname: Clinic_A\ncht: { version: '4.22', regstry: x }\ncouchdb: { nodes: 2 }\ntls: { mode: acme }\n";

        var result = InstanceFileReader.Read(yaml, "instance.yaml");

        Assert.Equal(
            ["apiVersion", "cht.regstry", "cht.version", "couchdb.nodes", "name", "tls.acmeEmail", "tls.host"],
            result.Diagnostics.Where(d => d.IsError).Select(d => d.Path).Order(StringComparer.Ordinal).ToArray());
    }
}
