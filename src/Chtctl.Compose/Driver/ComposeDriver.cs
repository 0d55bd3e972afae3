using Chtctl.Compose.Driver.Cli;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.Health;
using Chtctl.Compose.Driver.Planning;
using Chtctl.Compose.Driver.Preflight;
using Chtctl.Compose.Driver.State;
using Chtctl.Compose.Driver.Upgrade;
using Chtctl.Compose.Layout;
using Chtctl.Compose.Rendering;
using Chtctl.Compose.State;
using Chtctl.Compose.Tls;
using Chtctl.Core.Driving;
using Chtctl.Core.Reporting;
using Chtctl.Core.Secrets;
using Chtctl.Core.Spec;
using Chtctl.Core.Topology;
using Chtctl.Core.Versions;
using Chtctl.Core.Writing;

namespace Chtctl.Compose.Driver;

/// <summary>
/// The Compose target: every verb of <see cref="IInstanceDriver"/> for one instance on this host's Docker
/// engine. <c>up</c> walks preflight → secrets and certificates → render → plan → <c>docker compose up</c> →
/// health gates → history; nothing changes before the preflight (engine, Compose, ports, disk, lock, images)
/// has passed.
/// </summary>
/// <param name="spec">The validated instance file.</param>
/// <param name="fileDirectory">Where the instance file lives: relative <c>tls.certificateFile</c> paths are read from there.</param>
public sealed class ComposeDriver(InstanceSpec spec, string? fileDirectory, EngineEndpoint endpoint, ComposeDriverSettings settings, IDriverReporter reporter, TimeProvider clock)
    : IInstanceDriver
{
    private readonly InstanceHomeLayout _layout = InstanceHomeLayout.For(spec);

    public DeploymentTarget Target => DeploymentTarget.Compose;

    public string Location => _layout.Home;

    public string? RecordedStateFile => _layout.InstanceFile;

    private ComposeHistory History => new(_layout.History);

    public Task<ChtRelease> ReleaseAsync(CancellationToken cancellationToken) => Task.FromResult(At(null).Topology.Release);

    public async Task<UpResult> UpAsync(UpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instance = At(request.Version);
        reporter.Step($"Bringing up '{instance.Name}' (CHT {instance.ChtVersion}) from {_layout.Home}");
        using var engine = new DockerEngine(endpoint);
        var (compose, containers) = await PreflightAsync(instance, engine, checkPorts: true, cancellationToken).ConfigureAwait(false);
        using var held = InstanceLock.Acquire(_layout.LockFile, request.Verb, clock);
        var history = History.Read();
        DowngradeGuard.Check(instance.Name, history, instance.Topology.Release.Version, request.AllowDowngrade, _layout.InstanceFile, reporter);
        var certificates = new EdgeCertificates(clock, fileDirectory);
        var certificateCheck = CheckCertificates(certificates);
        await EnsureImagesAsync(instance, engine, cancellationToken).ConfigureAwait(false);

        var secrets = await instance.Secrets.LoadOrCreateAsync(cancellationToken).ConfigureAwait(false);
        var tree = new ComposeRenderer().Render(instance.Topology, secrets);
        var plan = ComposePlanner.Plan(tree, instance.ProjectDirectory.Snapshot(containers), CertificateChanges(certificateCheck));
        var waiter = new GateWaiter(engine, instance.Project, reporter, clock) { PollInterval = settings.PollInterval };
        if (!plan.HasChanges)
        {
            SaveInstanceFile(instance);
            // Nothing to change: the gates still decide whether the instance is up (at once when it is healthy;
            // a container Docker is restarting gets the same time as a change would).
            var thumbprint = EdgeCertificateMatch.InstalledThumbprint(_layout);
            using var check = Gates(instance, secrets, thumbprint);
            var unchanged = await waiter.WaitAsync(HealthGate.For(instance.Topology), check, request.Timeout, cancellationToken).ConfigureAwait(false);
            var resumed = unchanged is null && request.RecordsWithoutChanges(history, instance.ChtVersion)
                ? Record(instance, request.Verb, HistoryEntry.Succeeded, $"CHT {instance.ChtVersion} was already running and healthy (an earlier run applied it)")
                : null;
            return Result(instance, request.Verb, changed: false, plan.Summary, resumed, unchanged);
        }

        var certificate = certificates.Prepare(instance.Spec, _layout);
        if (!certificate.Ok)
            throw new PreflightFailedException(certificate.Problems);
        foreach (var warning in certificate.Warnings)
            reporter.Warn(warning);
        if (certificate.Changed)
            reporter.Step(certificate.Summary);

        reporter.Step($"Writing the project to {_layout.Project}");
        instance.ProjectDirectory.Write(tree);
        SaveInstanceFile(instance);
        reporter.Step($"Starting '{instance.Name}' with {compose.DisplayName}");
        var up = await compose.RunAsync(_layout.Project, ["up", "-d", "--remove-orphans"], line => reporter.Step("  " + line.Trim()), cancellationToken).ConfigureAwait(false);
        GateFailure? failure;
        if (!up.Succeeded)
        {
            var failed = await engine.ProjectContainersAsync(instance.Project, cancellationToken).ConfigureAwait(false);
            var culprit = failed.FirstOrDefault(c => c.Health == "unhealthy") ?? failed.FirstOrDefault(c => !c.Running);
            failure = new GateFailure(
                $"{compose.DisplayName} up",
                culprit?.Service ?? "compose",
                $"exit code {up.ExitCode}: {up.Tail(5)}",
                culprit is null ? [] : await engine.LogTailAsync(culprit.Id, 20, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            reporter.Step("Waiting for the health gates");
            using var context = Gates(instance, secrets, certificate.Thumbprint);
            failure = await waiter.WaitAsync(HealthGate.For(instance.Topology), context, request.Timeout, cancellationToken).ConfigureAwait(false);
        }
        var entry = Record(instance, request.Verb, failure is null ? HistoryEntry.Succeeded : HistoryEntry.Failed,
            failure is null ? plan.Summary : $"{failure.Gate}: {failure.Reason}");
        return Result(instance, request.Verb, changed: true, plan.Summary, entry, failure) with
        {
            Notes = certificate.Changed ? [certificate.Summary] : [],
        };
    }

    /// <summary>What <c>up</c> would change; reads only (secrets are not created: a missing store means everything is new).</summary>
    public async Task<PlanResult> PlanAsync(ChtVersion? version, CancellationToken cancellationToken)
    {
        var instance = At(version);
        using var engine = new DockerEngine(endpoint);
        await engine.VersionAsync(cancellationToken).ConfigureAwait(false);
        var containers = await engine.ProjectContainersAsync(instance.Project, cancellationToken).ConfigureAwait(false);
        var certificateCheck = CheckCertificates(new EdgeCertificates(clock, fileDirectory));
        // Without stored secrets the project was never written: every file is new whatever the values, so none are made up.
        var secrets = await instance.Secrets.LoadAsync(cancellationToken).ConfigureAwait(false) ?? InstanceSecrets.Redacted;
        var tree = new ComposeRenderer().Render(instance.Topology, secrets);
        var plan = ComposePlanner.Plan(tree, instance.ProjectDirectory.Snapshot(containers), CertificateChanges(certificateCheck));
        return new PlanResult(instance.Name, Targets.Name(Target), Location, instance.ChtVersion, ComposeResults.Changes(plan));
    }

    /// <summary><c>down</c>: stops every container and keeps them, the network, data, secrets and certificates.</summary>
    public async Task<DownResult> DownAsync(CancellationToken cancellationToken)
    {
        var instance = At(null);
        using var engine = new DockerEngine(endpoint);
        var (compose, containers) = await PreflightAsync(instance, engine, checkPorts: false, cancellationToken).ConfigureAwait(false);
        using var held = InstanceLock.Acquire(_layout.LockFile, HistoryVerbs.Down, clock);
        var running = containers.Count(c => c.Running);
        var entry = running == 0 ? null : await StopAsync(instance, compose, running, cancellationToken).ConfigureAwait(false);
        return new DownResult(instance.Name, Targets.Name(Target), Location, running, entry);
    }

    private async Task<HistoryEntry> StopAsync(ComposeInstance instance, ComposeCli compose, int running, CancellationToken cancellationToken)
    {
        await RunComposeAsync(compose, ["stop"], cancellationToken).ConfigureAwait(false);
        return Record(instance, HistoryVerbs.Down, HistoryEntry.Succeeded, $"{running} containers stopped");
    }

    /// <summary>
    /// <c>destroy</c>: removes the containers and the network. Data, secrets and certificates stay unless
    /// <paramref name="deleteData"/>; then the data directory, the named volumes and the secrets go too.
    /// </summary>
    public async Task<DestroyResult> DestroyAsync(bool deleteData, CancellationToken cancellationToken)
    {
        var instance = At(null);
        using var engine = new DockerEngine(endpoint);
        var (compose, containers) = await PreflightAsync(instance, engine, checkPorts: false, cancellationToken).ConfigureAwait(false);
        using var held = InstanceLock.Acquire(_layout.LockFile, HistoryVerbs.Destroy, clock);
        var volumes = instance.ProjectDirectory.Exists ? VolumeNames(instance) : [];
        if (instance.ProjectDirectory.Exists)
            await RunComposeAsync(compose, deleteData ? ["down", "--remove-orphans", "--volumes"] : ["down", "--remove-orphans"], cancellationToken).ConfigureAwait(false);
        var deleted = new List<string>();
        if (deleteData)
        {
            foreach (var volume in volumes)
            {
                if (await engine.RemoveVolumeAsync(volume, cancellationToken).ConfigureAwait(false))
                    deleted.Add($"volume {volume}");
            }
            foreach (var path in new[] { _layout.DataDir, _layout.Certificates, _layout.Project })
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                    deleted.Add(path);
                }
            }
            if (File.Exists(_layout.SecretsFile))
            {
                File.Delete(_layout.SecretsFile);
                deleted.Add(_layout.SecretsFile);
            }
        }
        Record(instance, HistoryVerbs.Destroy, HistoryEntry.Succeeded,
            deleteData ? "containers, network, data and secrets deleted" : "containers and network removed; data and secrets kept");
        if (deleteData)
        {
            // The recorded state goes with the data: a new instance in this home starts from its file, and the
            // old history (kept, renamed) no longer pins its version or calls a fresh install a downgrade.
            if (File.Exists(_layout.InstanceFile))
                File.Delete(_layout.InstanceFile);
            deleted.Add("the recorded state (history archived as " + History.Archive(clock.GetUtcNow()) + ")");
        }
        IReadOnlyList<string> kept = deleteData ? [] : [_layout.DataDir, _layout.SecretsFile, _layout.Certificates, .. volumes.Select(v => $"volume {v}")];
        return new DestroyResult(instance.Name, Targets.Name(Target), Location, deleteData, containers.Count, deleted, kept);
    }

    /// <summary>Each container and one check of every gate (the full chain), without waiting.</summary>
    public async Task<StatusResult> StatusAsync(CancellationToken cancellationToken)
    {
        var instance = At(null);
        using var engine = new DockerEngine(endpoint);
        await engine.VersionAsync(cancellationToken).ConfigureAwait(false);
        var containers = await engine.ProjectContainersAsync(instance.Project, cancellationToken).ConfigureAwait(false);
        var last = HistoryEntry.LastRunning(History.Read());
        IReadOnlyList<(HealthGate Gate, string? Problem)> chain = [];
        if (containers.Count > 0)
        {
            var secrets = await instance.Secrets.LoadAsync(cancellationToken).ConfigureAwait(false);
            if (secrets is null)
            {
                chain = [(new ContainersGate(["secrets"]), $"no secrets in {_layout.SecretsFile}")];
            }
            else
            {
                using var context = Gates(instance, secrets, EdgeCertificateMatch.InstalledThumbprint(_layout));
                chain = await new GateWaiter(engine, instance.Project, reporter, clock).CheckOnceAsync(HealthGate.For(instance.Topology), context, cancellationToken).ConfigureAwait(false);
                containers = context.Containers;
            }
        }
        return new StatusResult(instance.Name, Targets.Name(Target), Location, instance.ChtVersion, containers.Count > 0,
            ComposeResults.Components(containers, instance.Spec.Cht.Registry, clock.GetUtcNow()),
            [.. chain.Select(c => new ChainCheck(c.Gate.Name, c.Gate.Service, null, null, c.Problem is null, c.Problem))],
            last)
        {
            ChainScope = "from this host: each CouchDB node, HAProxy's backends, api, HTTPS through nginx with the instance's certificate, every container",
        };
    }

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(CancellationToken cancellationToken) => Task.FromResult(History.Read());

    /// <summary>
    /// Back to the CHT version an earlier entry ran, through <c>up</c> with this instance file's other settings
    /// (Compose history keeps versions, not whole projects).
    /// </summary>
    public async Task<RollbackResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = RollbackTarget.Choose(History.Read(), request.To, Location);
        if (!ChtVersion.TryParse(entry.ChtVersion, out var version))
            throw new RollbackTargetException($"history entry {entry.Number} names no CHT version ('{entry.ChtVersion}')");
        reporter.Warn("rollback on Compose brings back the CHT version of that entry with the instance file's other settings: data in CouchDB is not rolled back");
        var run = await UpAsync(new UpRequest { Verb = HistoryVerbs.Rollback, Version = version, Timeout = request.Timeout, AllowDowngrade = request.AllowDowngrade }, cancellationToken).ConfigureAwait(false);
        return new RollbackResult(entry, run);
    }

    /// <summary>The target's images present (pulled when missing) and the disk the re-indexing needs against what is free.</summary>
    public async Task<UpgradeChecks> CheckUpgradeAsync(ChtVersion to, CancellationToken cancellationToken)
    {
        var target = At(to);
        reporter.Step($"Checking the images of CHT {target.ChtVersion}");
        using (var engine = new DockerEngine(endpoint))
            await EnsureImagesAsync(target, engine, cancellationToken).ConfigureAwait(false);
        reporter.Step("Estimating the disk the upgrade needs from CouchDB's database and view index sizes");
        return await UpgradeDiskReader.ReadAsync(At(null), endpoint, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        // Every call opens and closes its own engine connection: nothing is held between verbs.
    }

    /// <summary>The instance at <paramref name="version"/>, or at the file's version pinned to history.</summary>
    private ComposeInstance At(ChtVersion? version)
    {
        var release = VersionPinning.Resolve(spec, History.Read(), version);
        return new ComposeInstance(TopologyBuilder.Build(spec, release), new FileSecretStore(_layout), fileDirectory);
    }

    private GateContext Gates(ComposeInstance instance, InstanceSecrets secrets, string? thumbprint) =>
        new(instance.Topology, instance.Spec.Couchdb.User, secrets.Get(SecretKey.CouchDbPassword), thumbprint) { EdgeEndpoint = settings.EdgeEndpoint };

    private HistoryEntry Record(ComposeInstance instance, string verb, string result, string message) =>
        History.Append(new HistoryEntry(0, clock.GetUtcNow(), verb, instance.ChtVersion, SpecHash.Of(spec, instance.ChtVersion), result, settings.ChtctlVersion, message));

    private UpResult Result(ComposeInstance instance, string verb, bool changed, string summary, HistoryEntry? entry, GateFailure? failure) =>
        new(instance.Name, Targets.Name(Target), Location, verb, instance.ChtVersion, ComposeResults.Url(instance.Spec), changed, summary, entry,
            failure is null ? null : new HealthFailure(failure.Gate, failure.Service, failure.Reason, failure.LogTail));

    /// <summary>The instance's recorded state in its home: the effective instance file, with the version that runs.</summary>
    private void SaveInstanceFile(ComposeInstance instance)
    {
        var text = InstanceFileWriter.Write(instance.Spec with { Cht = instance.Spec.Cht with { Version = instance.ChtVersion } },
            $"Instance '{instance.Name}' as chtctl last brought it up (its recorded state). The upgrade service reads and updates this file.");
        if (File.Exists(_layout.InstanceFile) && File.ReadAllText(_layout.InstanceFile) == text)
            return;
        AtomicFile.Write(_layout.InstanceFile, text, AtomicFile.Readable);
    }

    /// <summary>
    /// The edge certificate's state, refused when it cannot serve: broken files, or a mode this driver cannot
    /// provide a certificate for (ACME issuance is not in this version) while none is installed.
    /// </summary>
    private EdgeCertificatePlan CheckCertificates(EdgeCertificates certificates)
    {
        var check = certificates.Check(spec, _layout);
        if (!check.Ok)
            throw new PreflightFailedException(check.Problems);
        if (check.Action == EdgeCertificateAction.NotHandled && !File.Exists(EdgeCertificates.CertificatePath(_layout)))
            throw new PreflightFailedException([$"tls.mode {check.Mode}: {check.Summary}; no certificate is installed in {_layout.Certificates}. Use tls.mode self-signed or files, or put cert.pem and key.pem there."]);
        return check;
    }

    private static IReadOnlyList<string> CertificateChanges(EdgeCertificatePlan check) =>
        check.Action is EdgeCertificateAction.Create or EdgeCertificateAction.Renew or EdgeCertificateAction.Copy ? [check.Summary] : [];

    private async Task<(ComposeCli Compose, IReadOnlyList<ContainerInfo> Containers)> PreflightAsync(ComposeInstance instance, DockerEngine engine, bool checkPorts, CancellationToken cancellationToken)
    {
        EngineVersion? version = null;
        string? engineProblem = null;
        try
        {
            version = await engine.VersionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EngineUnavailableException e)
        {
            engineProblem = e.Message;
        }
        var compose = await ComposeCli.FindAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var problems = ComposePreflight.EngineAndCompose(version, engineProblem, compose).ToList();
        if (problems.Count > 0)
            throw new PreflightFailedException(problems);
        var containers = await engine.ProjectContainersAsync(instance.Project, cancellationToken).ConfigureAwait(false);
        if (checkPorts)
        {
            problems.AddRange(await ComposePreflight.PortsAsync(instance.Spec, containers, engine, cancellationToken).ConfigureAwait(false));
            problems.AddRange(ComposePreflight.Disk(_layout));
        }
        if (problems.Count > 0)
            throw new PreflightFailedException(problems);
        reporter.Step($"Docker {version!.Version} at {endpoint}, {compose!.DisplayName}");
        return (compose, containers);
    }

    /// <summary>
    /// Every image is present before anything starts: missing ones are pulled now, and one that cannot be
    /// pulled stops the run here, while what runs is still untouched.
    /// </summary>
    private async Task EnsureImagesAsync(ComposeInstance instance, DockerEngine engine, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var image in instance.Topology.Components.Select(c => c.Image).Distinct(StringComparer.Ordinal))
        {
            if (await engine.ImageExistsAsync(image, cancellationToken).ConfigureAwait(false))
                continue;
            reporter.Step($"Pulling {image}");
            var error = await engine.PullAsync(image, status => reporter.Step($"  {image}: {status}"), cancellationToken).ConfigureAwait(false);
            if (error is not null)
                problems.Add($"image {image} cannot be pulled: {error}");
        }
        if (problems.Count == 0)
            return;
        problems.Add("check cht.version and cht.registry (or images.* for HAProxy, nginx and chtctl), and that this host can reach the registry (docker login if it is private)");
        throw new PreflightFailedException(problems);
    }

    private async Task RunComposeAsync(ComposeCli compose, string[] arguments, CancellationToken cancellationToken)
    {
        var result = await compose.RunAsync(_layout.Project, arguments, line => reporter.Step("  " + line.Trim()), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new EngineUnavailableException($"{compose.DisplayName} {string.Join(' ', arguments)} failed (exit code {result.ExitCode}): {result.Tail(5)}");
    }

    /// <summary>The engine's names of the project's named volumes: <c>name:</c> when the compose file sets one, else Compose's <c>&lt;project&gt;_&lt;key&gt;</c>.</summary>
    private static IReadOnlyList<string> VolumeNames(ComposeInstance instance)
    {
        var file = YamlTreeDiff.Load(instance.ProjectDirectory.Read(ProjectFiles.ComposeFile));
        return [.. YamlTreeDiff.Keys(YamlTreeDiff.Child(file, "volumes"))
            .Select(key => YamlTreeDiff.Child(file, "volumes", key) is { } v
                && v.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("name"), out var name) ? name.ToString() : $"{instance.Project}_{key}")];
    }
}
