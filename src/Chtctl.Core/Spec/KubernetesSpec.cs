using Chtctl.Core.Collections;

namespace Chtctl.Core.Spec;

public sealed record KubernetesSpec
{
    [Doc("kubeconfig context to use. Defaults to the current context, or in-cluster configuration.")]
    public string? Context { get; init; }

    [Pattern(DnsLabel.Pattern, DnsLabel.Expected), Doc("Namespace of the instance. Defaults to the instance name.")]
    public string? Namespace { get; init; }

    [Doc("Kubernetes flavour: `k3s`, `k3d`, `eks` or `gke`. Decides storage and ingress defaults.")]
    public KubernetesPlatform Platform { get; init; } = KubernetesPlatform.K3s;

    [Doc("Kubernetes node (its `kubernetes.io/hostname`) for each CouchDB node, in order. Empty: the scheduler decides.", Example = "[worker-1, worker-2, worker-3]")]
    public IReadOnlyList<string> Pinning { get; init => field = EquatableList.From(value); } = EquatableList<string>.Empty;

    [Doc("CouchDB storage.")]
    public StorageSpec Storage { get; init; } = new();

    [Doc("How the instance is reached from outside the cluster.")]
    public IngressSpec Ingress { get; init; } = new();
}

public sealed record StorageSpec
{
    [Doc("StorageClass for CouchDB volumes. Defaults per platform: k3s/k3d `local-path`, eks `ebs-gp2`, gke `standard-rwo`.")]
    public string? Class { get; init; }

    [Pattern(Quantity.MemoryPattern, "a size such as `100Gi`"), Doc("Size of each CouchDB node's volume.")]
    public string Size { get; init; } = "100Gi";

    [Doc("Path inside the volume that holds CouchDB's data (`data`; `\"\"` for the volume root; `%d` is replaced by the node number). For 3.x data: `storage/medic-core/couchdb/data`.")]
    public string DataSubPath { get; init; } = "data";

    [Doc("k3s/k3d: existing host directories with CouchDB data, one per node (requires `pinning`).")]
    public IReadOnlyList<string> HostPaths { get; init => field = EquatableList.From(value); } = EquatableList<string>.Empty;

    [Doc("eks: existing EBS volume ids, one per node.")]
    public IReadOnlyList<string> EbsVolumeIds { get; init => field = EquatableList.From(value); } = EquatableList<string>.Empty;

    [Doc("gke: existing persistent disk names, one per node.")]
    public IReadOnlyList<string> GceDisks { get; init => field = EquatableList.From(value); } = EquatableList<string>.Empty;

    [Doc("k3s: static vSphere volumes `[datastore] diskPath/<namespace>-couchdbN` (requires `pinning`).")]
    public VsphereSpec? Vsphere { get; init; }
}

public sealed record VsphereSpec
{
    [RequiredKey, Doc("vSphere datastore name.")]
    public string Datastore { get; init; } = "";

    [RequiredKey, Doc("Folder of the disks inside the datastore.")]
    public string DiskPath { get; init; } = "";
}

public sealed record IngressSpec
{
    [Pattern(DnsName.Pattern, DnsName.Expected), Doc("Host the Ingress answers for. Defaults to `tls.host`.")]
    public string? Host { get; init; }

    [Doc("IngressClass. Defaults per platform: eks `alb`, gke `gce`, k3s/k3d the cluster default (traefik).")]
    public string? Class { get; init; }

    [Doc("Extra annotations on the Ingress (for example ALB group, certificate ARN).")]
    public IReadOnlyDictionary<string, string> Annotations { get; init => field = EquatableDictionary<string, string>.From(value); } = EquatableDictionary<string, string>.Empty;

    [Doc("Secret of type kubernetes.io/tls with the certificate for the host. Empty: no TLS section (TLS handled by the load balancer).")]
    public string? TlsSecret { get; init; }
}
