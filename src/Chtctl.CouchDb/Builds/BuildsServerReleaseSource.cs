using System.Net;
using System.Text.Json;
using Chtctl.Core.Versions;

namespace Chtctl.CouchDb.Builds;

/// <summary>
/// Reads CHT releases from Medic's builds server, a CouchDB database: the staging document
/// <c>medic:medic:&lt;version&gt;</c> lists each service's image in <c>tags</c>, and the view
/// <c>_design/builds/_view/releases</c> lists releases newest first.
/// </summary>
public sealed class BuildsServerReleaseSource(HttpClient http, string buildsUrl) : IReleaseSource
{
    private const string ReleasePrefix = "medic:medic:";
    private readonly string _base = buildsUrl.TrimEnd('/');

    public async Task<ChtRelease?> FindAsync(ChtVersion version, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync($"{_base}/{ReleasePrefix}{version}", cancellationToken).ConfigureAwait(false);
        if (document is null)
            return null;

        // Start from the naming rule so a service missing from an older staging document still has an image.
        var images = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (service, image) in ChtRelease.FromRule(version, RegistryOf(document.RootElement) ?? "public.ecr.aws/medic").Images)
            images[service] = image;
        if (document.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in tags.EnumerateArray())
            {
                if (tag.TryGetProperty("container_name", out var name) && tag.TryGetProperty("image", out var image)
                    && name.GetString() is { } container && image.GetString() is { } reference && container.StartsWith("cht-", StringComparison.Ordinal))
                    images[container["cht-".Length..]] = reference;
            }
        }

        return new ChtRelease(version, images, ReleaseSource.BuildsServer);
    }

    public async Task<ChtVersion?> NewestAsync(int? major, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync($"{_base}/_design/builds/_view/releases?descending=true&limit=500", cancellationToken).ConfigureAwait(false)
            ?? throw new ReleaseSourceUnavailableException($"the builds server {_base} has no releases view (_design/builds/_view/releases)");
        ChtVersion? newest = null;
        foreach (var row in document.RootElement.GetProperty("rows").EnumerateArray())
        {
            var id = row.TryGetProperty("id", out var idElement) ? idElement.GetString() : null;
            if (id is not null && id.StartsWith(ReleasePrefix, StringComparison.Ordinal)
                && ChtVersion.TryParse(id[ReleasePrefix.Length..], out var version)
                && (major is null || version.Major == major) && (newest is null || version > newest))
                newest = version;
        }

        return newest;
    }

    /// <summary>The registry of the api image in a staging document, used for services the document does not list.</summary>
    private static string? RegistryOf(JsonElement doc)
    {
        if (!doc.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array)
            return null;
        var api = tags.EnumerateArray().Select(t => t.TryGetProperty("image", out var i) ? i.GetString() : null)
            .FirstOrDefault(i => i is not null && i.Contains("/cht-api:", StringComparison.Ordinal));
        return api?[..api.IndexOf("/cht-api:", StringComparison.Ordinal)];
    }

    private async Task<JsonDocument?> GetJsonAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
                return null;
            if (!response.IsSuccessStatusCode)
                throw new ReleaseSourceUnavailableException($"the builds server {_base} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ReleaseSourceUnavailableException($"the builds server {_base} did not answer ({e.Message}); check cht.buildsUrl and the network, or work offline");
        }
        catch (JsonException e)
        {
            throw new ReleaseSourceUnavailableException($"the builds server {_base} sent something that is not CouchDB JSON ({e.Message})");
        }
    }
}

/// <summary>The builds server could not be asked; the message says why and what to do.</summary>
public sealed class ReleaseSourceUnavailableException(string message) : Exception(message);
