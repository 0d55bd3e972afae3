using Chtctl.Core.Reporting;
using Chtctl.Core.Secrets;
using Chtctl.Core.Versions;

namespace Chtctl.Kubernetes.Driver;

public sealed record DriverOptions
{
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Take fields back from other field managers on conflict.</summary>
    public bool Force { get; init; }

    /// <summary>Allow deleting PersistentVolumeClaims and PersistentVolumes that left the instance.</summary>
    public bool DeleteData { get; init; }

    public bool AllowDowngrade { get; init; }

    public required string ChtctlVersion { get; init; }
}

/// <summary>How an apply ended: counts of what changed and the revision recorded (none when nothing changed).</summary>
public sealed record ApplyReport(int Created, int Changed, int Unchanged, int Deleted, Revision? Revision)
{
    public bool ChangedAnything => Created + Changed + Deleted > 0;
}

/// <summary>
/// <c>up</c> and <c>rollback</c> on Kubernetes: preflight, server-side apply in waves with readiness waits,
/// prune of owned leftovers, and a revision in the namespace's history.
/// </summary>
public sealed class KubernetesDriver(KubeApi api, InstanceRef instance, DriverOptions options, TimeProvider clock, IDriverReporter reporter)
{
    private readonly RevisionHistory _history = new(api, instance);

    public RevisionHistory History => _history;

    /// <summary>
    /// Applies the instance. <paramref name="render"/> turns the instance's secrets into its objects; it is
    /// called first with redacted secrets (for the preflight) and then with the ones loaded from, or created
    /// in, the credentials Secret.
    /// </summary>
    public async Task<ApplyReport> UpAsync(string chtVersion, Func<InstanceSecrets, IReadOnlyList<DesiredObject>> render, Func<IReadOnlyList<DesiredObject>, PreflightRequirements> requirements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(render);
        ArgumentNullException.ThrowIfNull(requirements);
        var shape = render(InstanceSecrets.Redacted);
        await PreflightAsync(shape, requirements(shape), cancellationToken).ConfigureAwait(false);
        await RefuseDowngradeAsync(chtVersion, cancellationToken).ConfigureAwait(false);

        // The namespace first: the credentials Secret is created in it before anything refers to the secrets.
        var applier = new Applier(api, instance);
        var created = 0;
        if (shape.FirstOrDefault(o => o.Kind == ResourceKind.Namespace) is { } ns
            && (await applier.ApplyAsync(ns, options.Force, cancellationToken).ConfigureAwait(false)).Change == ApplyChange.Created)
        {
            created++;
            reporter.Step($"  created {ns.Display}");
        }
        var store = new KubernetesSecretStore(api, instance);
        var secrets = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (secrets is null)
        {
            secrets = SecretGenerator.Generate();
            await store.SaveAsync(secrets, cancellationToken).ConfigureAwait(false);
            reporter.Step($"  generated the instance's credentials into {store.Location}");
        }

        var desired = render(secrets).Where(o => o.Kind != ResourceKind.Namespace).ToList();
        var report = await ApplyAndPruneAsync(chtVersion, desired, cancellationToken).ConfigureAwait(false);
        return report with { Created = report.Created + created };
    }

    /// <summary>Re-applies a recorded revision's objects (the credentials Secret stays as it is).</summary>
    public async Task<(Revision Target, ApplyReport Report)> RollbackAsync(int? to, CancellationToken cancellationToken)
    {
        var revisions = await _history.ListAsync(cancellationToken).ConfigureAwait(false);
        if (revisions.Count == 0)
            throw new RevisionNotFoundException($"instance '{instance.Name}' in namespace {instance.Namespace} has no recorded revisions");
        var target = to is { } number
            ? revisions.FirstOrDefault(r => r.Number == number)
                ?? throw new RevisionNotFoundException($"no revision {number}: recorded revisions are {string.Join(", ", revisions.Select(r => r.Number))}")
            : revisions.SkipLast(1).LastOrDefault(r => r.Succeeded)
                ?? throw new RevisionNotFoundException("no earlier successful revision to roll back to; name one with --to");
        var objects = target.Objects.Select(o => DesiredObject.From(o.DeepClone().AsObject())).ToList();
        await PreflightAsync(objects, new PreflightRequirements([], []), cancellationToken).ConfigureAwait(false);
        await RefuseDowngradeAsync(target.ChtVersion, cancellationToken).ConfigureAwait(false);
        reporter.Warn("rollback re-applies the Kubernetes objects only: data in CouchDB is not rolled back");
        var report = await ApplyAndPruneAsync(target.ChtVersion, objects, cancellationToken).ConfigureAwait(false);
        return (target, report);
    }

    private async Task PreflightAsync(IReadOnlyList<DesiredObject> objects, PreflightRequirements requirements, CancellationToken cancellationToken)
    {
        reporter.Step($"Preflight against {api.Server}");
        var problems = await new Preflight(api, instance).CheckAsync(objects, requirements, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
            throw new PreflightFailedException(problems);
    }

    private async Task RefuseDowngradeAsync(string chtVersion, CancellationToken cancellationToken)
    {
        var revisions = await _history.ListAsync(cancellationToken).ConfigureAwait(false);
        if (revisions.LastOrDefault(r => r.Succeeded) is not { } current
            || !ChtVersion.TryParse(current.ChtVersion, out var running)
            || !ChtVersion.TryParse(chtVersion, out var wanted)
            || wanted >= running)
            return;
        if (!options.AllowDowngrade)
            throw new DowngradeRefusedException(
                $"instance '{instance.Name}' runs CHT {running} (revision {current.Number}); going to {wanted} is a downgrade. "
                + "CouchDB data migrated by the newer version may not work with the older one: restore a backup instead, or pass --allow-downgrade if you are sure");
        reporter.Warn($"downgrading CHT {running} to {wanted} (--allow-downgrade)");
    }

    private async Task<ApplyReport> ApplyAndPruneAsync(string chtVersion, IReadOnlyList<DesiredObject> desired, CancellationToken cancellationToken)
    {
        var applier = new Applier(api, instance);
        var waiter = new ReadinessWaiter(api, clock, options.WaitTimeout, options.PollInterval);
        var membership = new MembershipWaiter(api, instance, clock, options.WaitTimeout, options.PollInterval);
        int created = 0, changed = 0, unchanged = 0;
        var waves = Waves.Of(desired);
        try
        {
            for (var i = 0; i < waves.Count; i++)
            {
                var wave = waves[i];
                reporter.Step($"Wave {i + 1}/{waves.Count}: {wave.Title}");
                foreach (var item in wave.Objects)
                {
                    var (change, _) = await applier.ApplyAsync(item, options.Force, cancellationToken).ConfigureAwait(false);
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
        catch (WaveNotReadyException e) when (created + changed > 0)
        {
            await _history.RecordAsync(chtVersion, desired, clock.GetUtcNow(), options.ChtctlVersion, "failed: " + e.Message, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var owned = await OwnedObjects.ListAsync(api, instance, cancellationToken).ConfigureAwait(false);
        var deleted = await Pruner.PruneAsync(api, OwnedObjects.Leftovers(owned, desired), options.DeleteData, reporter, cancellationToken).ConfigureAwait(false);
        var revision = created + changed + deleted == 0
            ? null
            : await _history.RecordAsync(chtVersion, desired, clock.GetUtcNow(), options.ChtctlVersion, RevisionHistory.Succeeded, cancellationToken).ConfigureAwait(false);
        return new ApplyReport(created, changed, unchanged, deleted, revision);
    }
}

public sealed class RevisionNotFoundException(string message) : Exception(message);
