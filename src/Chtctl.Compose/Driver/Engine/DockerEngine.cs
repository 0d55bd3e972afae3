using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chtctl.Compose.Driver.Engine;

/// <summary>
/// The few calls of the Docker Engine API the driver needs, over its unix socket (or tcp) with plain HTTP.
/// Queries go to the engine directly rather than through the docker CLI: no process per question while a
/// health gate polls, typed answers instead of parsed text, and nothing to install beside Compose. The API
/// version is the engine's own (engines from 20.10 on answer these calls the same way).
/// </summary>
public sealed class DockerEngine : IDisposable
{
    private readonly HttpClient _http;
    private string? _apiVersion;

    public DockerEngine(EngineEndpoint endpoint)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) };
        Uri baseAddress;
        if (endpoint.SocketPath is { } socket)
        {
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(s, ownsSocket: true);
                }
                catch
                {
                    s.Dispose();
                    throw;
                }
            };
            baseAddress = new Uri("http://docker.engine/");
        }
        else
        {
            baseAddress = new Uri("http://" + endpoint.Address.Authority + "/");
        }
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public EngineEndpoint Endpoint { get; }

    /// <summary>The engine's version and API version; throws <see cref="EngineUnavailableException"/> when it does not answer.</summary>
    public async Task<EngineVersion> VersionAsync(CancellationToken cancellationToken)
    {
        var body = await GetJsonAsync("version", versioned: false, cancellationToken).ConfigureAwait(false)
            ?? throw new EngineUnavailableException($"the Docker engine at {Endpoint} answered /version with nothing");
        var version = new EngineVersion(
            body["Version"]?.GetValue<string>() ?? "unknown",
            body["ApiVersion"]?.GetValue<string>() ?? "1.41",
            body["Os"]?.GetValue<string>() ?? "",
            body["Arch"]?.GetValue<string>() ?? "");
        _apiVersion = version.ApiVersion;
        return version;
    }

    /// <summary>Every container (running or not) of a Compose project, inspected.</summary>
    public async Task<IReadOnlyList<ContainerInfo>> ProjectContainersAsync(string project, CancellationToken cancellationToken)
    {
        var filters = JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [$"com.docker.compose.project={project}"] });
        return await ContainersAsync($"containers/json?all=1&filters={Uri.EscapeDataString(filters)}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every container on the host carrying a label, inspected.</summary>
    public async Task<IReadOnlyList<ContainerInfo>> ContainersWithLabelAsync(string label, CancellationToken cancellationToken)
    {
        var filters = JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [label] });
        return await ContainersAsync($"containers/json?all=1&filters={Uri.EscapeDataString(filters)}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Running containers publishing a host port, with their names: who holds a port chtctl needs.</summary>
    public async Task<IReadOnlyList<(string Name, int Port)>> PublishedPortsAsync(CancellationToken cancellationToken)
    {
        var list = await GetJsonAsync("containers/json", versioned: true, cancellationToken).ConfigureAwait(false) as JsonArray ?? [];
        return [.. list.OfType<JsonObject>().SelectMany(c =>
            (c["Ports"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(p => p["PublicPort"] is not null)
                .Select(p => (Name: ((c["Names"] as JsonArray)?.FirstOrDefault()?.GetValue<string>() ?? "?").TrimStart('/'), Port: p["PublicPort"]!.GetValue<int>())))];
    }

    public async Task<ContainerInfo?> InspectAsync(string id, CancellationToken cancellationToken)
    {
        var c = await GetJsonAsync($"containers/{Uri.EscapeDataString(id)}/json", versioned: true, cancellationToken, allowNotFound: true).ConfigureAwait(false);
        return c is JsonObject o ? Parse(o) : null;
    }

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) =>
        await GetJsonAsync($"images/{image}/json", versioned: true, cancellationToken, allowNotFound: true).ConfigureAwait(false) is not null;

    /// <summary>
    /// Pulls an image, reporting the engine's progress lines. The engine answers 200 and then reports a failure
    /// inside the stream, so the stream is read to its end and its last error returned (null when it worked).
    /// </summary>
    public async Task<string?> PullAsync(string image, Action<string> progress, CancellationToken cancellationToken)
    {
        var (name, tag) = SplitTag(image);
        using var request = new HttpRequestMessage(HttpMethod.Post, await PathAsync($"images/create?fromImage={Uri.EscapeDataString(name)}&tag={Uri.EscapeDataString(tag)}", cancellationToken).ConfigureAwait(false));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            return ErrorMessage(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        string? error = null;
        string? lastStatus = null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0 || JsonNode.Parse(line) is not JsonObject message)
                continue;
            if (message["error"]?.GetValue<string>() is { } e)
                error = e;
            else if (message["status"]?.GetValue<string>() is { } status && status != lastStatus && message["progressDetail"] is null or JsonObject { Count: 0 })
                progress(lastStatus = status);
        }
        return error;
    }

    /// <summary>The last lines a container wrote to stdout and stderr, in order, for a failure's diagnosis.</summary>
    public async Task<IReadOnlyList<string>> LogTailAsync(string id, int lines, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, await PathAsync($"containers/{Uri.EscapeDataString(id)}/logs?stdout=1&stderr=1&tail={lines.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            return [];
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return LogStream.Lines(bytes);
    }

    /// <summary>Sends a signal to a container's main process (what a crash looks like to the restart policy when it is KILL).</summary>
    public async Task SignalAsync(string id, string signal, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, await PathAsync($"containers/{Uri.EscapeDataString(id)}/kill?signal={signal}", cancellationToken).ConfigureAwait(false));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a named volume; false when it did not exist.</summary>
    public async Task<bool> RemoveVolumeAsync(string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, await PathAsync($"volumes/{Uri.EscapeDataString(name)}", cancellationToken).ConfigureAwait(false));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public void Dispose() => _http.Dispose();

    private async Task<IReadOnlyList<ContainerInfo>> ContainersAsync(string path, CancellationToken cancellationToken)
    {
        var list = await GetJsonAsync(path, versioned: true, cancellationToken).ConfigureAwait(false) as JsonArray ?? [];
        var result = new List<ContainerInfo>();
        foreach (var id in list.OfType<JsonObject>().Select(c => c["Id"]!.GetValue<string>()))
        {
            // A container removed between the list and the inspect is simply gone.
            if (await InspectAsync(id, cancellationToken).ConfigureAwait(false) is { } info)
                result.Add(info);
        }
        return [.. result.OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)];
    }

    private static ContainerInfo Parse(JsonObject c)
    {
        var state = c["State"] as JsonObject;
        var labels = (c["Config"]?["Labels"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var networks = (c["NetworkSettings"]?["Networks"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?["IPAddress"]?.GetValue<string>() ?? "", StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var published = (c["HostConfig"]?["PortBindings"] as JsonObject)?.SelectMany(p => (p.Value as JsonArray ?? []).OfType<JsonObject>())
            .Select(b => int.TryParse(b["HostPort"]?.GetValue<string>(), CultureInfo.InvariantCulture, out var port) ? port : 0)
            .Where(p => p > 0).Distinct().Order().ToArray() ?? [];
        var started = state?["StartedAt"]?.GetValue<string>();
        return new ContainerInfo(
            c["Id"]!.GetValue<string>(),
            c["Name"]?.GetValue<string>().TrimStart('/') ?? "",
            labels.GetValueOrDefault("com.docker.compose.service", ""),
            state?["Status"]?.GetValue<string>() ?? "unknown",
            state?["Health"]?["Status"]?.GetValue<string>(),
            c["Config"]?["Image"]?.GetValue<string>() ?? "",
            c["Image"]?.GetValue<string>() ?? "",
            started is not null && DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year > 1 ? at : null,
            c["RestartCount"]?.GetValue<int>() ?? 0,
            state?["ExitCode"]?.GetValue<int>(),
            labels,
            networks,
            published);
    }

    private async Task<JsonNode?> GetJsonAsync(string path, bool versioned, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, versioned ? await PathAsync(path, cancellationToken).ConfigureAwait(false) : path);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task<string> PathAsync(string path, CancellationToken cancellationToken)
    {
        if (_apiVersion is null)
            await VersionAsync(cancellationToken).ConfigureAwait(false);
        return $"v{_apiVersion}/{path}";
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new EngineUnavailableException(
                $"the Docker engine at {Endpoint} does not answer ({e.InnerException?.Message ?? e.Message}). "
                + "Start it (systemctl start docker) or point DOCKER_HOST at the engine to use.", e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new EngineUnavailableException($"the Docker engine refused {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {ErrorMessage(text, response.StatusCode)}");
    }

    private static string ErrorMessage(string body, HttpStatusCode status)
    {
        try
        {
            if (JsonNode.Parse(body)?["message"]?.GetValue<string>() is { } message)
                return message;
        }
        catch (JsonException)
        {
        }
        return $"{(int)status} {body.Trim()}";
    }

    /// <summary>Splits <c>registry:5000/repo/name:tag</c> into name and tag (default <c>latest</c>); a digest stays in the name.</summary>
    internal static (string Name, string Tag) SplitTag(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
            return (image, "");
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}

/// <summary>The engine's own version and the API version used to talk to it.</summary>
public sealed record EngineVersion(string Version, string ApiVersion, string Os, string Arch);

/// <summary>Docker's multiplexed log stream (8-byte frame headers) as text lines.</summary>
internal static class LogStream
{
    public static IReadOnlyList<string> Lines(byte[] bytes)
    {
        var text = new StringBuilder();
        var i = 0;
        // Frames: [stream type, 0, 0, 0, size (4 bytes big-endian)] then size bytes. A container with a TTY
        // has no frames: its raw text is taken as it is.
        var framed = bytes.Length >= 8 && bytes[0] <= 2 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0;
        if (!framed)
            text.Append(Encoding.UTF8.GetString(bytes));
        while (framed && i + 8 <= bytes.Length)
        {
            var size = (bytes[i + 4] << 24) | (bytes[i + 5] << 16) | (bytes[i + 6] << 8) | bytes[i + 7];
            var length = Math.Min(size, bytes.Length - i - 8);
            text.Append(Encoding.UTF8.GetString(bytes, i + 8, length));
            i += 8 + size;
        }
        return text.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
    }
}
