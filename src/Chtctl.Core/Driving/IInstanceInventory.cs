namespace Chtctl.Core.Driving;

/// <summary>The instances chtctl manages on one target (this host's engine, a cluster).</summary>
public interface IInstanceInventory : IDisposable
{
    Task<IReadOnlyList<ListedInstance>> ListAsync(CancellationToken cancellationToken);
}
