using Chtctl.Compose.Driver.Cli;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Driver.Health;
using Chtctl.Compose.Driver.Planning;
using Chtctl.Compose.Driver.Preflight;
using Chtctl.Compose.Driver.State;
using Chtctl.Compose.Rendering;
using Chtctl.Compose.Tls;
using Chtctl.Core.Reporting;
using Chtctl.Core.Secrets;
using Chtctl.Core.Writing;

namespace Chtctl.Compose.Driver;

/// <summary>What an <c>up</c> did.</summary>
public sealed record UpReport(ComposePlan Plan, HistoryRecord? Record, GateFailure? Failure, string? CertificateSummary)
{
    public bool ChangedAnything => Plan.HasChanges;

    public bool Healthy => Failure is null;
}

/// <summary>
/// Drives one Compose instance through the path every verb shares: preflight → secrets and certificates →
/// render → plan → <c>docker compose up</c> → health gates → history. Nothing changes before the preflight
/// (engine, Compose, ports, disk, lock, images) has passed.
/// </summary>
public sealed class ComposeDriver(ComposeInstance instance, EngineEndpoint endpoint, ComposeDriverOptions options, IDriverReporter reporter, TimeProvider clock)
{
    public async Task<UpReport> UpAsync(string verb, CancellationToken cancellationToken)
    {
        var layout = instance.Layout;
        using var engine = new DockerEngine(endpoint);
        var (compose, containers) = await PreflightAsync(engine, checkPorts: true, cancellationToken).ConfigureAwait(false);
        using var held = InstanceLock.Acquire(layout.LockFile, verb, clock);
        RefuseDowngrade();
        var certificates = new EdgeCertificates(clock, instance.FileDirectory);
        var certificateCheck = CheckCertificates(certificates);
        await EnsureImagesAsync(engine, cancellationToken).ConfigureAwait(false);

        var secrets = await instance.Secrets.LoadOrCreateAsync(cancellationToken).ConfigureAwait(false);
        var tree = new ComposeRenderer().Render(instance.Topology, secrets);
        var plan = ComposePlanner.Plan(tree, instance.ProjectDirectory.Snapshot(containers), CertificateChanges(certificateCheck));
        var waiter = new GateWaiter(engine, instance.Project, reporter, clock) { PollInterval = options.PollInterval };
        if (!plan.HasChanges)
        {
            SaveInstanceFile();
            // Nothing to change: the gates still decide whether the instance is up (at once when it is healthy;
            // a container Docker is restarting gets the same time as a change would).
            var thumbprint = EdgeCertificateMatch.InstalledThumbprint(layout);
            using var check = new GateContext(instance.Topology, instance.Spec.Couchdb.User, secrets.Get(SecretKey.CouchDbPassword), thumbprint) { EdgeEndpoint = options.EdgeEndpoint };
            var failure = await waiter.WaitAsync(HealthGate.For(instance.Topology), check, options.GateTimeout, cancellationToken).ConfigureAwait(false);
            return new UpReport(plan, null, failure, null);
        }

        var certificate = certificates.Prepare(instance.Spec, layout);
        if (!certificate.Ok)
            throw new PreflightFailedException(certificate.Problems);
        foreach (var warning in certificate.Warnings)
            reporter.Warn(warning);
        if (certificate.Changed)
            reporter.Step(certificate.Summary);

        reporter.Step($"Writing the project to {layout.Project}");
        instance.ProjectDirectory.Write(tree);
        SaveInstanceFile();
        reporter.Step($"Starting '{instance.Name}' with {compose.DisplayName}");
        var up = await compose.RunAsync(layout.Project, ["up", "-d", "--remove-orphans"], line => reporter.Step("  " + line.Trim()), cancellationToken).ConfigureAwait(false);
        GateFailure? gateFailure;
        if (!up.Succeeded)
        {
            var failed = await engine.ProjectContainersAsync(instance.Project, cancellationToken).ConfigureAwait(false);
            var culprit = failed.FirstOrDefault(c => c.Health == "unhealthy") ?? failed.FirstOrDefault(c => !c.Running);
            gateFailure = new GateFailure(
                $"{compose.DisplayName} up",
                culprit?.Service ?? "compose",
                $"exit code {up.ExitCode}: {up.Tail(5)}",
                culprit is null ? [] : await engine.LogTailAsync(culprit.Id, 20, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            reporter.Step("Waiting for the health gates");
            using var context = new GateContext(instance.Topology, instance.Spec.Couchdb.User, secrets.Get(SecretKey.CouchDbPassword), certificate.Thumbprint) { EdgeEndpoint = options.EdgeEndpoint };
            gateFailure = await waiter.WaitAsync(HealthGate.For(instance.Topology), context, options.GateTimeout, cancellationToken).ConfigureAwait(false);
        }
        var record = instance.History.Append(new HistoryRecord(
            0, clock.GetUtcNow(), verb, instance.ChtVersion, options.SpecHash,
            gateFailure is null ? HistoryRecord.Succeeded : HistoryRecord.Failed,
            options.ChtctlVersion,
            gateFailure is null ? plan.Summary : $"{gateFailure.Gate}: {gateFailure.Reason}"));
        return new UpReport(plan, record, gateFailure, certificate.Changed ? certificate.Summary : null);
    }

    /// <summary>What <c>up</c> would change; reads only (secrets are not created: a missing store means everything is new).</summary>
    public async Task<ComposePlan> PlanAsync(CancellationToken cancellationToken)
    {
        using var engine = new DockerEngine(endpoint);
        await engine.VersionAsync(cancellationToken).ConfigureAwait(false);
        var containers = await engine.ProjectContainersAsync(instance.Project, cancellationToken).ConfigureAwait(false);
        var certificateCheck = CheckCertificates(new EdgeCertificates(clock, instance.FileDirectory));
        // Without stored secrets the project was never written: every file is new whatever the values, so none are made up.
        var secrets = await instance.Secrets.LoadAsync(cancellationToken).ConfigureAwait(false) ?? InstanceSecrets.Redacted;
        var tree = new ComposeRenderer().Render(instance.Topology, secrets);
        return ComposePlanner.Plan(tree, instance.ProjectDirectory.Snapshot(containers), CertificateChanges(certificateCheck));
    }

    /// <summary><c>down</c>: stops every container and keeps them, the network, data, secrets and certificates.</summary>
    public async Task<int> DownAsync(CancellationToken cancellationToken)
    {
        using var engine = new DockerEngine(endpoint);
        var (compose, containers) = await PreflightAsync(engine, checkPorts: false, cancellationToken).ConfigureAwait(false);
        using var held = InstanceLock.Acquire(instance.Layout.LockFile, "down", clock);
        var running = containers.Count(c => c.Running);
        if (running == 0)
            return 0;
        await RunComposeAsync(compose, ["stop"], cancellationToken).ConfigureAwait(false);
        instance.History.Append(new HistoryRecord(0, clock.GetUtcNow(), "down", instance.ChtVersion, options.SpecHash, HistoryRecord.Succeeded, options.ChtctlVersion, $"{running} containers stopped"));
        return running;
    }

    /// <summary>
    /// <c>destroy</c>: removes the containers and the network. Data, secrets and certificates stay unless
    /// <paramref name="deleteData"/>; then the data directory, the named volumes and the secrets go too.
    /// </summary>
    public async Task<DestroyReport> DestroyAsync(bool deleteData, CancellationToken cancellationToken)
    {
        var layout = instance.Layout;
        using var engine = new DockerEngine(endpoint);
        var (compose, containers) = await PreflightAsync(engine, checkPorts: false, cancellationToken).ConfigureAwait(false);
        using var held = InstanceLock.Acquire(layout.LockFile, "destroy", clock);
        if (instance.ProjectDirectory.Exists)
            await RunComposeAsync(compose, deleteData ? ["down", "--remove-orphans", "--volumes"] : ["down", "--remove-orphans"], cancellationToken).ConfigureAwait(false);
        var deleted = new List<string>();
        if (deleteData)
        {
            foreach (var volume in VolumeNames())
            {
                if (await engine.RemoveVolumeAsync(volume, cancellationToken).ConfigureAwait(false))
                    deleted.Add($"volume {volume}");
            }
            foreach (var path in new[] { layout.DataDir, layout.Certificates, layout.Project })
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                    deleted.Add(path);
                }
            }
            if (File.Exists(layout.SecretsFile))
            {
                File.Delete(layout.SecretsFile);
                deleted.Add(layout.SecretsFile);
            }
        }
        instance.History.Append(new HistoryRecord(0, clock.GetUtcNow(), "destroy", instance.ChtVersion, options.SpecHash, HistoryRecord.Succeeded, options.ChtctlVersion,
            deleteData ? "containers, network, data and secrets deleted" : "containers and network removed; data and secrets kept"));
        if (deleteData)
        {
            // The recorded state goes with the data: a new instance in this home starts from its file, and the
            // old history (kept, renamed) no longer pins its version or calls a fresh install a downgrade.
            if (File.Exists(layout.InstanceFile))
                File.Delete(layout.InstanceFile);
            deleted.Add("the recorded state (history archived as " + instance.History.Archive(clock.GetUtcNow()) + ")");
        }
        return new DestroyReport(containers.Count, deleted);
    }

    /// <summary>Each container and one check of every gate (the full chain), without waiting.</summary>
    public async Task<StatusReport> StatusAsync(CancellationToken cancellationToken)
    {
        using var engine = new DockerEngine(endpoint);
        await engine.VersionAsync(cancellationToken).ConfigureAwait(false);
        var containers = await engine.ProjectContainersAsync(instance.Project, cancellationToken).ConfigureAwait(false);
        if (containers.Count == 0)
            return new StatusReport(containers, [], instance.History.LastSuccess());
        var secrets = await instance.Secrets.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (secrets is null)
            return new StatusReport(containers, [(new ContainersGate(["secrets"]), $"no secrets in {instance.Layout.SecretsFile}")], instance.History.LastSuccess());
        var thumbprint = EdgeCertificateMatch.InstalledThumbprint(instance.Layout);
        using var context = new GateContext(instance.Topology, instance.Spec.Couchdb.User, secrets.Get(SecretKey.CouchDbPassword), thumbprint) { EdgeEndpoint = options.EdgeEndpoint };
        var chain = await new GateWaiter(engine, instance.Project, reporter, clock).CheckOnceAsync(HealthGate.For(instance.Topology), context, cancellationToken).ConfigureAwait(false);
        return new StatusReport(context.Containers, chain, instance.History.LastSuccess());
    }

    /// <summary>The instance's recorded state in its home: the effective instance file, with the version that runs.</summary>
    private void SaveInstanceFile()
    {
        var text = InstanceFileWriter.Write(instance.Spec with { Cht = instance.Spec.Cht with { Version = instance.ChtVersion } },
            $"Instance '{instance.Name}' as chtctl last brought it up (its recorded state). The upgrade service reads and updates this file.");
        if (File.Exists(instance.Layout.InstanceFile) && File.ReadAllText(instance.Layout.InstanceFile) == text)
            return;
        AtomicFile.Write(instance.Layout.InstanceFile, text, AtomicFile.Readable);
    }

    private void RefuseDowngrade()
    {
        var last = instance.History.LastSuccess();
        if (options.AllowDowngrade || last is null || !Core.Versions.ChtVersion.TryParse(last.ChtVersion, out var running)
            || running <= instance.Topology.Release.Version)
            return;
        // After 'chtctl upgrade' (or the admin UI's upgrade service) the operator's file still names the old
        // version: say where the newer one came from and what to write, rather than only "downgrade".
        var upgraded = last.Verb == "upgrade"
            ? $"'{instance.Name}' was upgraded to CHT {running} on {last.Time.UtcDateTime:yyyy-MM-dd HH:mm} UTC by 'chtctl upgrade', and this file still names {instance.ChtVersion}: set 'cht.version: {running}' in the instance file (the recorded state is in {instance.Layout.InstanceFile}). "
            : $"'{instance.Name}' last ran CHT {running}; ";
        throw new DowngradeRefusedException(
            upgraded + (last.Verb == "upgrade" ? "Going" : "going") + $" back to {instance.ChtVersion} is a downgrade, which CHT does not migrate data for. "
            + "Pass --allow-downgrade if you mean it (CouchDB data is not rolled back).");
    }

    /// <summary>
    /// The edge certificate's state, refused when it cannot serve: broken files, or a mode this driver cannot
    /// provide a certificate for (ACME issuance is not in this version) while none is installed.
    /// </summary>
    private EdgeCertificatePlan CheckCertificates(EdgeCertificates certificates)
    {
        var check = certificates.Check(instance.Spec, instance.Layout);
        if (!check.Ok)
            throw new PreflightFailedException(check.Problems);
        if (check.Action == EdgeCertificateAction.NotHandled && !File.Exists(EdgeCertificates.CertificatePath(instance.Layout)))
            throw new PreflightFailedException([$"tls.mode {check.Mode}: {check.Summary}; no certificate is installed in {instance.Layout.Certificates}. Use tls.mode self-signed or files, or put cert.pem and key.pem there."]);
        return check;
    }

    private static IReadOnlyList<string> CertificateChanges(EdgeCertificatePlan check) =>
        check.Action is EdgeCertificateAction.Create or EdgeCertificateAction.Renew or EdgeCertificateAction.Copy ? [check.Summary] : [];

    private async Task<(ComposeCli Compose, IReadOnlyList<ContainerInfo> Containers)> PreflightAsync(DockerEngine engine, bool checkPorts, CancellationToken cancellationToken)
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
            problems.AddRange(ComposePreflight.Disk(instance.Layout));
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
    public async Task EnsureImagesAsync(CancellationToken cancellationToken)
    {
        using var engine = new DockerEngine(endpoint);
        await EnsureImagesAsync(engine, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureImagesAsync(DockerEngine engine, CancellationToken cancellationToken)
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
        var result = await compose.RunAsync(instance.Layout.Project, arguments, line => reporter.Step("  " + line.Trim()), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new EngineUnavailableException($"{compose.DisplayName} {string.Join(' ', arguments)} failed (exit code {result.ExitCode}): {result.Tail(5)}");
    }

    private IEnumerable<string> VolumeNames() =>
        YamlTreeDiff.Keys(YamlTreeDiff.Child(YamlTreeDiff.Load(instance.ProjectDirectory.Read(ProjectFiles.ComposeFile)), "volumes"))
            .Select(key => YamlTreeDiff.Child(YamlTreeDiff.Load(instance.ProjectDirectory.Read(ProjectFiles.ComposeFile)), "volumes", key) is { } v
                && v.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("name"), out var name) ? name.ToString() : $"{instance.Project}_{key}");
}

/// <summary>What <c>destroy</c> removed.</summary>
public sealed record DestroyReport(int ContainersRemoved, IReadOnlyList<string> Deleted);

/// <summary>The containers of an instance and one check of each gate (null problem = OK).</summary>
public sealed record StatusReport(IReadOnlyList<ContainerInfo> Containers, IReadOnlyList<(HealthGate Gate, string? Problem)> Chain, HistoryRecord? LastSuccess)
{
    public bool Healthy => Containers.Count > 0 && Chain.Count > 0 && Chain.All(c => c.Problem is null);
}
