using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.Preflight;
using Chtctl.Core.Driving;
using Chtctl.Core.Secrets;
using Chtctl.Core.Topology;
using Chtctl.Core.Upgrades;
using Chtctl.CouchDb.Sizes;

namespace Chtctl.Compose.Driver.Upgrade;

/// <summary>
/// Reads how much disk the running CouchDB uses (through its container's address on the instance network,
/// as the health gates reach it) and compares the upgrade's estimated peak with the free space where the
/// data directory lives (operators.md §1.1: upgrades run out of disk while views re-index).
/// </summary>
internal static class UpgradeDiskReader
{
    public static async Task<UpgradeChecks> ReadAsync(ComposeInstance instance, EngineEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var engine = new DockerEngine(endpoint);
        var containers = await engine.ProjectContainersAsync(instance.Project, cancellationToken).ConfigureAwait(false);
        var network = instance.Name + "-net";
        var services = instance.Topology.ByRole(ComponentRole.CouchDb).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var couchdb = containers.Where(c => services.Contains(c.Service) && c.Running).OrderBy(c => c.Service, StringComparer.Ordinal).FirstOrDefault();
        var address = couchdb?.AddressOn(network);
        if (address is null)
            return new UpgradeChecks(null, [$"CouchDB is not running on {network}: the disk needed could not be estimated"]);
        var secrets = await instance.Secrets.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (secrets is null)
            return new UpgradeChecks(null, [$"no secrets in {instance.Layout.SecretsFile}: the disk needed could not be estimated"]);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new CouchDbSizesClient(http, new Uri($"http://{address}:{Ports.CouchDb}/"), instance.Spec.Couchdb.User, secrets.Get(SecretKey.CouchDbPassword))
        {
            TolerateMissingSizes = true,
        };
        CouchDbSizes sizes;
        try
        {
            sizes = await client.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CouchDbSizesException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new UpgradeChecks(null, [$"CouchDB at {address} did not report its sizes ({e.Message}): the disk needed could not be estimated"]);
        }
        var notes = new List<string>();
        if (sizes.Missing.Count > 0)
        {
            notes.Add($"CouchDB did not report sizes for {sizes.Missing.Count} of its answers (counted as 0, so the estimate may be low): "
                + string.Join(", ", sizes.Missing.Take(3)) + (sizes.Missing.Count > 3 ? ", …" : ""));
        }
        var free = ComposePreflight.FreeBytes(instance.Layout.DataDir);
        if (free is not { } bytes)
            return new UpgradeChecks(null, [.. notes, $"the free space at {instance.Layout.DataDir} could not be read"]);
        return new UpgradeChecks(DiskEstimate.Check(sizes.ToUsage(), bytes), notes, instance.Layout.DataDir);
    }
}
