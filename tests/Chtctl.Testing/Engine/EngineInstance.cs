using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Chtctl.Testing.Engine;

/// <summary>
/// One CHT instance on the test Docker engine, driven only through the chtctl executable: its own name (the label
/// plus a random suffix, so runs never meet), free publishable ports picked now, and a home under a temporary
/// directory. Disposing it destroys the instance with its data (failing the test if that fails, after cleaning up)
/// and removes the directory.
/// </summary>
public sealed class EngineInstance : IAsyncDisposable
{
    /// <summary>The version every test instance starts at: the oldest the test images carry.</summary>
    public const string DefaultChtVersion = "4.22.0";

    private readonly InstanceFileText _file;

    /// <param name="label">What the test is about; the instance's name begins with it.</param>
    /// <param name="dataDir"><c>compose.dataDir</c> in every file written for this instance.</param>
    /// <param name="buildsUrl"><c>cht.buildsUrl</c> in every file written for this instance.</param>
    public EngineInstance(string label, string? dataDir = null, string? buildsUrl = null)
    {
        // Fails first, before anything is created, when the tests were not started with the test engine.
        TestEngine.EnsureConfigured();
        Name = $"{label}-{Guid.NewGuid().ToString("N")[..6]}";
        Folder = Directory.CreateTempSubdirectory($"chtctl-{label}-").FullName;
        Home = Path.Combine(Folder, "home");
        HttpPort = FreePorts.Publishable();
        HttpsPort = FreePorts.Publishable();
        _file = new InstanceFileText(Name, Home, HttpPort, HttpsPort) { DataDir = dataDir, BuildsUrl = buildsUrl };
        InstanceFile = WriteFile("instance.yaml");
    }

    public string Name { get; }

    /// <summary>The test's directory: the instance files it writes and, below, the instance's home.</summary>
    public string Folder { get; }

    public string Home { get; }

    public int HttpPort { get; }

    public int HttpsPort { get; }

    /// <summary>The instance file every verb is given.</summary>
    public string InstanceFile { get; }

    public string CertificateFile => Path.Combine(Home, "certs", "cert.pem");

    public string LockFile => Path.Combine(Home, "chtctl.lock");

    public string SecretsFile => Path.Combine(Home, "secrets.env");

    /// <summary>The effective instance as last brought up, which the upgrade service reads.</summary>
    public string RecordedState => Path.Combine(Home, "instance.yaml");

    public string HistoryFile => Path.Combine(Home, "history", "history.jsonl");

    /// <summary>Another instance file for the same instance (same name, home and ports) with other settings.</summary>
    /// <param name="fileName">Its name in <see cref="Folder"/>.</param>
    /// <param name="chtVersion"><c>cht.version</c>.</param>
    /// <param name="tail">The lines after the images; the localhost tls line unless given.</param>
    public string WriteFile(string fileName, string chtVersion = DefaultChtVersion, string? tail = null)
    {
        var path = Path.Combine(Folder, fileName);
        File.WriteAllText(path, _file.Render(chtVersion, tail));
        return path;
    }

    /// <summary><c>chtctl ARGUMENTS</c>, anything at all.</summary>
    public Task<ChtctlResult> RunAsync(params string[] arguments) => ChtctlProcess.RunAsync(arguments);

    /// <summary>A verb on this instance's file: <c>chtctl VERB FILE [options]</c>.</summary>
    public Task<ChtctlResult> VerbAsync(string verb, params string[] options) => ChtctlProcess.RunAsync([verb, InstanceFile, .. options]);

    /// <summary><c>chtctl up</c>, failing the test with chtctl's output unless the instance ends healthy.</summary>
    public async Task<ChtctlResult> UpAsync()
    {
        var up = await VerbAsync("up").ConfigureAwait(false);
        Assert.True(up.ExitCode == 0, up.ToString());
        return up;
    }

    public IReadOnlyDictionary<string, InstanceContainer> Containers() => Docker.Containers(Name);

    /// <summary>The CouchDB admin's password from <c>HOME/secrets.env</c>.</summary>
    public string CouchDbPassword() => Setting(SecretsFile, "COUCHDB_PASSWORD");

    /// <summary>The CouchDB admin as the instance has it: the user from the project's <c>.env</c>, the password from the secrets.</summary>
    public (string User, string Password) CouchDbAdmin() => (Setting(Path.Combine(Home, "project", ".env"), "COUCHDB_USER"), CouchDbPassword());

    /// <summary>HTTPS to the edge with no credentials.</summary>
    public EdgeClient Edge() => new(HttpsPort, credentials: null);

    /// <summary>HTTPS to the edge as the CouchDB admin (read now: a destroy with its data makes new ones).</summary>
    public EdgeClient AdminEdge(TimeSpan? timeout = null) => new(HttpsPort, CouchDbAdmin(), timeout);

    /// <summary>api's <c>/api/info</c> version through the edge, as a browser reaches it.</summary>
    public async Task<string> ApiVersionAsync()
    {
        using var edge = Edge();
        var body = await edge.GetStringAsync("api/info").ConfigureAwait(false);
        return JsonNode.Parse(body)!["version"]!.GetValue<string>();
    }

    /// <summary>A document written into CouchDB's medic database through the edge as the admin.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PutDocumentAsync(string id, object document)
    {
        using var edge = AdminEdge();
        return await edge.PutAsync($"medic/{id}", document).ConfigureAwait(false);
    }

    /// <summary>A document of CouchDB's medic database read through the edge as the admin.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> GetDocumentAsync(string id)
    {
        using var edge = AdminEdge();
        return await edge.GetAsync($"medic/{id}").ConfigureAwait(false);
    }

    /// <summary>The history records in <c>HOME/history/history.jsonl</c>, oldest first.</summary>
    public IReadOnlyList<JsonNode> History() =>
        [.. File.ReadAllLines(HistoryFile).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!)];

    /// <summary>What a run that changes nothing must leave as it was: history, recorded state, the rendered compose file.</summary>
    public IReadOnlyDictionary<string, string> State() =>
        new[] { HistoryFile, RecordedState, Path.Combine(Home, "project", "docker-compose.yml") }
            .ToDictionary(f => f, f => File.Exists(f) ? File.ReadAllText(f) : "<missing>");

    public async ValueTask DisposeAsync()
    {
        ChtctlResult? destroyed = null;
        Exception? failed = null;
        try
        {
            destroyed = await ChtctlProcess.RunAsync(["destroy", InstanceFile, "--delete-data", "--yes"], timeout: TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            failed = e;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A container that outlived the destroy may still hold a file; the OS cleans /tmp.
        }
        catch (UnauthorizedAccessException)
        {
        }

        Assert.True(failed is null, $"cleanup: destroy of {Name} did not finish: {failed?.Message}");
        Assert.True(destroyed!.ExitCode == 0, $"cleanup: destroy of {Name} failed:\n{destroyed}");
    }

    private static string Setting(string file, string key) =>
        File.ReadLines(file).Select(l => l.Split('=', 2)).Single(p => p.Length == 2 && p[0] == key)[1];
}
