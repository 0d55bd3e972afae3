using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.State;
using Chtctl.Core.Driving;
using Chtctl.Core.Spec;

namespace Chtctl.Compose.Driver;

/// <summary>The Compose instances on this host: homes under <paramref name="homeRoot"/> and any home whose project runs.</summary>
public sealed class ComposeInventory(EngineEndpoint endpoint, string homeRoot) : IInstanceInventory
{
    public ComposeInventory(EngineEndpoint endpoint)
        : this(endpoint, InstanceInventory.DefaultRoot)
    {
    }

    public async Task<IReadOnlyList<ListedInstance>> ListAsync(CancellationToken cancellationToken)
    {
        using var engine = new DockerEngine(endpoint);
        var instances = await InstanceInventory.ListAsync(engine, homeRoot, cancellationToken).ConfigureAwait(false);
        return [.. instances.Select(i => new ListedInstance(i.Name, Targets.Name(DeploymentTarget.Compose), i.Home, i.ChtVersion, i.Health))];
    }

    public void Dispose()
    {
        // Each listing opens and closes its own engine connection.
    }
}
