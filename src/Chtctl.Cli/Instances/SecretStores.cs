using Chtctl.Compose.Layout;
using Chtctl.Compose.State;
using Chtctl.Core.Secrets;
using Chtctl.Core.Spec;

namespace Chtctl.Cli.Instances;

/// <summary>Where an instance's secrets live on its target.</summary>
internal static class SecretStores
{
    public static ISecretStore For(InstanceSpec spec) => spec.Target switch
    {
        DeploymentTarget.Compose => new FileSecretStore(InstanceHomeLayout.For(spec)),
        _ => throw new SecretStoreUnavailableException(
            "on Kubernetes the secrets live in the Secret cht-couchdb-credentials of the instance's namespace; render without --include-secrets"),
    };
}

/// <summary>The secret store cannot be used from here; the message says why.</summary>
internal sealed class SecretStoreUnavailableException(string message) : Exception(message);
