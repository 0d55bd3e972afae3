namespace Chtctl.Kubernetes.Driver;

/// <summary>An instance in a cluster: its name (the instance label) and its namespace.</summary>
public sealed record InstanceRef(string Name, string Namespace)
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string VersionLabel = "app.kubernetes.io/version";
    public const string ManagedByValue = "chtctl";

    /// <summary>chtctl's own bookkeeping objects (revisions) carry this label and are never pruned with the instance's objects.</summary>
    public const string RecordLabel = "chtctl.io/record";

    /// <summary>The Secret with the instance's credentials: never pruned, kept by destroy unless data goes too.</summary>
    public const string CredentialsSecret = "cht-couchdb-credentials";

    public string OwnedSelector => $"{ManagedByLabel}={ManagedByValue},{InstanceLabel}={Name}";

    /// <summary>True when the object carries chtctl's labels for this instance: the only objects chtctl changes or deletes.</summary>
    public bool Owns(System.Text.Json.Nodes.JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var labels = live["metadata"]?["labels"];
        return labels?[ManagedByLabel]?.GetValue<string>() == ManagedByValue && labels[InstanceLabel]?.GetValue<string>() == Name;
    }
}
