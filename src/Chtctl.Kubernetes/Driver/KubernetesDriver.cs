using Chtctl.Core.Driving;
using Chtctl.Core.Reporting;
using Chtctl.Core.Secrets;
using Chtctl.Core.Spec;
using Chtctl.Core.Topology;
using Chtctl.Core.Versions;
using Chtctl.Kubernetes.Rendering;

namespace Chtctl.Kubernetes.Driver;

/// <summary>What the Kubernetes driver needs to know of where it runs; per-run choices come in each request.</summary>
public sealed record KubernetesDriverSettings
{
    public required string ChtctlVersion { get; init; }

    /// <summary>The longest pause between two polls while waiting (shorter for short timeouts: ten polls per timeout at least).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// The Kubernetes target: every verb of <see cref="IInstanceDriver"/> for one instance in its namespace.
/// <c>up</c> is a preflight, server-side apply in waves with readiness waits, prune of owned leftovers, and a
/// revision (the history entry with the objects applied) in the namespace.
/// </summary>
public sealed class KubernetesDriver(InstanceSpec spec, KubeApi api, KubernetesDriverSettings settings, IDriverReporter reporter, TimeProvider clock)
    : IInstanceDriver
{
    /// <summary>Not measured here yet: reading CouchDB's sizes needs the service proxy and the volume's free space a pod's view.</summary>
    public const string DiskNote = "disk estimate: not done on Kubernetes in this version; before upgrading, check the CouchDB volumes have free about 5 times the size of the view indexes (operators.md §1.1)";

    private readonly InstanceRef _instance = new(spec.Name, TopologyBuilder.NamespaceOf(spec));

    public DeploymentTarget Target => DeploymentTarget.Kubernetes;

    public string Location => $"namespace {_instance.Namespace}";

    public string? RecordedStateFile => null;

    private RevisionHistory Revisions => new(api, _instance);

    public async Task<ChtRelease> ReleaseAsync(CancellationToken cancellationToken) =>
        (await AtAsync(null, cancellationToken).ConfigureAwait(false)).Release;

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(CancellationToken cancellationToken) =>
        [.. (await Revisions.ListAsync(cancellationToken).ConfigureAwait(false)).Select(r => r.Entry)];

    public async Task<UpResult> UpAsync(UpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var topology = await AtAsync(request.Version, cancellationToken).ConfigureAwait(false);
        var version = topology.Release.Version.ToString();
        var shape = Render(topology, InstanceSecrets.Redacted);
        await PreflightAsync(shape, Requirements(shape), cancellationToken).ConfigureAwait(false);
        var history = await HistoryAsync(cancellationToken).ConfigureAwait(false);
        DowngradeGuard.Check(_instance.Name, history, topology.Release.Version, request.AllowDowngrade, null, reporter);

        // The namespace first: the credentials Secret is created in it before anything refers to the secrets.
        var applier = new Applier(api, _instance);
        var created = 0;
        if (shape.FirstOrDefault(o => o.Kind == ResourceKind.Namespace) is { } ns
            && (await applier.ApplyAsync(ns, request.TakeOverFields, cancellationToken).ConfigureAwait(false)).Change == ApplyChange.Created)
        {
            created++;
            reporter.Step($"  created {ns.Display}");
        }
        var store = new KubernetesSecretStore(api, _instance);
        var secrets = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (secrets is null)
        {
            secrets = SecretGenerator.Generate();
            await store.SaveAsync(secrets, cancellationToken).ConfigureAwait(false);
            reporter.Step($"  generated the instance's credentials into {store.Location}");
        }

        var desired = Render(topology, secrets).Where(o => o.Kind != ResourceKind.Namespace).ToList();
        var entry = new HistoryEntry(0, clock.GetUtcNow(), request.Verb, version, SpecHash.Of(spec, version), HistoryEntry.Succeeded, settings.ChtctlVersion);
        var outcome = await ApplyAndPruneAsync(desired, entry, request, history, cancellationToken).ConfigureAwait(false);
        return outcome with { Changed = outcome.Changed || created > 0, Summary = created > 0 ? $"namespace created; {outcome.Summary}" : outcome.Summary };
    }

    public async Task<PlanResult> PlanAsync(ChtVersion? version, CancellationToken cancellationToken)
    {
        var topology = await AtAsync(version, cancellationToken).ConfigureAwait(false);
        var shape = Render(topology, InstanceSecrets.Redacted);
        await PreflightAsync(shape, Requirements(shape), cancellationToken).ConfigureAwait(false);
        // Existing credentials make the Secret compare equal; without any, the Secret is simply "to add".
        var secrets = await new KubernetesSecretStore(api, _instance).LoadAsync(cancellationToken).ConfigureAwait(false) ?? SecretGenerator.Generate();
        var plan = await new Planner(api, _instance).PlanAsync(Render(topology, secrets), cancellationToken).ConfigureAwait(false);
        return new PlanResult(_instance.Name, Targets.Name(Target), Location, topology.Release.Version.ToString(), KubernetesResults.Changes(plan));
    }

    public async Task<StatusResult> StatusAsync(CancellationToken cancellationToken)
    {
        var components = await InstanceStatus.OfAsync(api, _instance, cancellationToken).ConfigureAwait(false);
        // The chain is asked only of an installed instance: without Deployments there is nothing behind the Services.
        var chain = components.Count == 0 ? [] : await ProxyChain.RunAsync(api, _instance, components.Select(c => c.Name), cancellationToken).ConfigureAwait(false);
        var last = HistoryEntry.LastRunning(await HistoryAsync(cancellationToken).ConfigureAwait(false));
        return new StatusResult(_instance.Name, Targets.Name(Target), Location, last?.ChtVersion, components.Count > 0,
            KubernetesResults.Components(components), KubernetesResults.Chain(chain), last)
        {
            ChainScope = "through the API server's service proxy: api, CouchDB through HAProxy, each CouchDB node; the Ingress is not checked",
        };
    }

    public Task<DownResult> DownAsync(CancellationToken cancellationToken) =>
        throw new NotOnTargetException($"'{_instance.Name}' runs on Kubernetes, where down is not in this version; 'chtctl destroy' removes the workloads and keeps the data, 'chtctl up' brings them back.");

    public async Task<DestroyResult> DestroyAsync(bool deleteData, CancellationToken cancellationToken)
    {
        var (deleted, kept) = await Destroyer.DestroyAsync(api, _instance, deleteData, reporter, cancellationToken).ConfigureAwait(false);
        return new DestroyResult(_instance.Name, Targets.Name(Target), Location, deleteData, deleted.Count, deleteData ? deleted : [], kept);
    }

    /// <summary>Re-applies a recorded revision's objects (the credentials Secret stays as it is).</summary>
    public async Task<RollbackResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var revisions = await Revisions.ListAsync(cancellationToken).ConfigureAwait(false);
        var history = revisions.Select(r => r.Entry).ToList();
        var target = RollbackTarget.Choose(history, request.To, Location);
        var revision = revisions.Single(r => r.Number == target.Number);
        var objects = revision.Objects.Select(o => DesiredObject.From(o.DeepClone().AsObject())).ToList();
        await PreflightAsync(objects, new PreflightRequirements([], []), cancellationToken).ConfigureAwait(false);
        if (ChtVersion.TryParse(target.ChtVersion, out var version))
            DowngradeGuard.Check(_instance.Name, history, version, request.AllowDowngrade, null, reporter);
        reporter.Warn("rollback re-applies the Kubernetes objects only: data in CouchDB is not rolled back");
        var entry = target with { Number = 0, Time = clock.GetUtcNow(), Verb = HistoryVerbs.Rollback, Result = HistoryEntry.Succeeded, ChtctlVersion = settings.ChtctlVersion, Message = null };
        var up = new UpRequest { Verb = HistoryVerbs.Rollback, Timeout = request.Timeout, AllowDowngrade = request.AllowDowngrade, TakeOverFields = request.TakeOverFields };
        var run = await ApplyAndPruneAsync(objects, entry, up, history, cancellationToken).ConfigureAwait(false);
        return new RollbackResult(target, run);
    }

    public Task<UpgradeChecks> CheckUpgradeAsync(ChtVersion to, CancellationToken cancellationToken) =>
        Task.FromResult(new UpgradeChecks(null, [DiskNote]));

    public void Dispose() => api.Dispose();

    /// <summary>The instance's topology at <paramref name="version"/>, or at the file's version pinned to the revisions.</summary>
    private async Task<InstanceTopology> AtAsync(ChtVersion? version, CancellationToken cancellationToken)
    {
        var history = version is null ? await HistoryAsync(cancellationToken).ConfigureAwait(false) : [];
        return TopologyBuilder.Build(spec, VersionPinning.Resolve(spec, history, version));
    }

    private static IReadOnlyList<DesiredObject> Render(InstanceTopology topology, InstanceSecrets secrets) =>
        DesiredObject.FromAll(new KubernetesRenderer().Objects(topology, secrets));

    /// <summary>StorageClasses the instance's new volumes are provisioned from (claims bound to a named volume need none).</summary>
    private PreflightRequirements Requirements(IReadOnlyList<DesiredObject> objects) => new(
        [.. objects.Where(o => o.Kind == ResourceKind.PersistentVolumeClaim)
            .Where(o => o.Body["spec"]?["volumeName"] is null)
            .Select(o => o.Body["spec"]?["storageClassName"]?.GetValue<string>())
            .OfType<string>()
            .Where(c => c.Length > 0)],
        spec.Kubernetes.Pinning);

    private async Task PreflightAsync(IReadOnlyList<DesiredObject> objects, PreflightRequirements requirements, CancellationToken cancellationToken)
    {
        reporter.Step($"Preflight against {api.Server}");
        var problems = await new Preflight(api, _instance).CheckAsync(objects, requirements, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
            throw new PreflightFailedException(problems);
    }

    /// <summary>Polls often enough to notice readiness quickly, never more than ten times per timeout.</summary>
    private TimeSpan PollInterval(TimeSpan timeout) => TimeSpan.FromTicks(Math.Min(settings.MaxPollInterval.Ticks, timeout.Ticks / 10));

    private async Task<UpResult> ApplyAndPruneAsync(IReadOnlyList<DesiredObject> desired, HistoryEntry entry, UpRequest request, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken)
    {
        var applier = new Applier(api, _instance);
        var poll = PollInterval(request.Timeout);
        var waiter = new ReadinessWaiter(api, clock, request.Timeout, poll);
        var membership = new MembershipWaiter(api, _instance, clock, request.Timeout, poll);
        int created = 0, changed = 0, unchanged = 0;
        var waves = ApplyWaves.Of(desired);
        string Summary(int deleted) => $"{created} created, {changed} changed, {unchanged} unchanged, {deleted} deleted";
        try
        {
            for (var i = 0; i < waves.Count; i++)
            {
                var wave = waves[i];
                reporter.Step($"Wave {i + 1}/{waves.Count}: {wave.Title}");
                foreach (var item in wave.Objects)
                {
                    var (change, _) = await applier.ApplyAsync(item, request.TakeOverFields, cancellationToken).ConfigureAwait(false);
                    switch (change)
                    {
                        case ApplyChange.Created: created++; reporter.Step($"  created {item.Display}"); break;
                        case ApplyChange.Changed: changed++; reporter.Step($"  changed {item.Display}"); break;
                        default: unchanged++; break;
                    }
                }
                await waiter.WaitAsync(wave, reporter, cancellationToken).ConfigureAwait(false);
                await membership.WaitAsync(MembershipWaiter.CouchDbServices(wave), reporter, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (WaveNotReadyException e)
        {
            var failure = new HealthFailure(e.Component is null ? "CouchDB" : $"{e.Component} ready", e.Component ?? "couchdb", e.Message, e.Diagnosis.Split('\n'));
            // A failed wave after changes is recorded, so history shows what was tried and why it failed.
            var failed = created + changed == 0 ? null
                : (await Revisions.RecordAsync(entry with { Result = HistoryEntry.Failed, Message = e.Message }, desired, cancellationToken).ConfigureAwait(false)).Entry;
            return Result(entry, created + changed > 0, Summary(0), failed, failure);
        }

        var owned = await OwnedObjects.ListAsync(api, _instance, cancellationToken).ConfigureAwait(false);
        var deleted = await Pruner.PruneAsync(api, OwnedObjects.Leftovers(owned, desired), request.DeleteDataThatLeft, reporter, cancellationToken).ConfigureAwait(false);
        var anything = created + changed + deleted > 0;
        var recorded = anything || request.RecordsWithoutChanges(history, entry.ChtVersion)
            ? (await Revisions.RecordAsync(entry with { Message = Summary(deleted) }, desired, cancellationToken).ConfigureAwait(false)).Entry
            : null;
        return Result(entry, anything, Summary(deleted), recorded, null);
    }

    private UpResult Result(HistoryEntry entry, bool changed, string summary, HistoryEntry? recorded, HealthFailure? failure) =>
        new(_instance.Name, Targets.Name(Target), Location, entry.Verb, entry.ChtVersion, Address(), changed, summary, recorded, failure);

    /// <summary>Where people reach the instance: its Ingress host, in its namespace.</summary>
    private string Address() =>
        (spec.Kubernetes.Ingress.Host ?? spec.Tls.Host) is { } host ? $"https://{host} (namespace {_instance.Namespace})" : $"namespace {_instance.Namespace}";
}
