using System.Text.Json;
using Chtctl.Core.Versions;

namespace Chtctl.Services.UpgradeService;

/// <summary>A valid upgrade request: the container names to answer for, and the one CHT version they ask for.</summary>
internal sealed record UpgradeRequest(IReadOnlyList<string> ContainerNames, ChtVersion Target)
{
    /// <summary>
    /// Reads api's payload (<c>{containers: [{container_name, image_tag}], docker_compose: {...}}</c>, cht-hosting.md §6).
    /// <c>docker_compose</c> is ignored on purpose: chtctl renders its own compose files, it never takes them from
    /// the request. Returns every problem found in one reason, or the request.
    /// </summary>
    public static (UpgradeRequest? Request, string? Problem) Read(ReadOnlySpan<byte> body, string registry)
    {
        if (body.IsEmpty)
            return (null, "Invalid payload: the body is empty; expected {\"containers\": [{\"container_name\", \"image_tag\"}, ...]}");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            return (null, $"Invalid payload: the body is not JSON ({e.Message})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("containers", out var containers) || containers.ValueKind != JsonValueKind.Array)
                return (null, "Invalid payload: 'containers' is missing; expected {\"containers\": [{\"container_name\", \"image_tag\"}, ...]}");
            if (containers.GetArrayLength() == 0)
                return (null, "Invalid payload: 'containers' is empty");

            var pairs = new List<(string Name, string Image)>();
            var problems = new List<string>();
            var index = 0;
            foreach (var element in containers.EnumerateArray())
            {
                var name = Text(element, "container_name");
                var image = Text(element, "image_tag");
                if (name is null || image is null)
                    problems.Add($"containers[{index}] needs 'container_name' and 'image_tag' as non-empty strings");
                else
                    pairs.Add((name, image));
                index++;
            }

            if (problems.Count > 0)
                return (null, "Invalid payload: " + string.Join("; ", problems));
            return Resolve(pairs, registry);
        }
    }

    private static (UpgradeRequest?, string?) Resolve(List<(string Name, string Image)> pairs, string registry)
    {
        var unknown = pairs.Where(p => !ChtContainers.IsKnown(p.Name)).Select(p => p.Name).Distinct().ToList();
        if (unknown.Count > 0)
            return (null, $"Unknown container name(s): {string.Join(", ", unknown)}; known: {string.Join(", ", ChtContainers.Known)}");

        var foreign = new List<string>();
        var versions = new SortedDictionary<string, ChtVersion>(StringComparer.Ordinal);
        var notVersions = new List<string>();
        foreach (var (name, image) in pairs)
        {
            var reference = ImageReference.TryParse(image);
            var expected = $"{registry}/{ChtContainers.RepositoryOf(name)}";
            if (reference is null || !string.Equals(reference.Registry, registry, StringComparison.OrdinalIgnoreCase)
                || reference.Repository != ChtContainers.RepositoryOf(name))
            {
                foreign.Add($"{name}: '{image}' (expected {expected}:<version>)");
                continue;
            }

            if (!ChtContainers.DecidesVersion(name))
                continue;
            if (ChtVersion.TryParse(reference.Tag, out var version))
                versions[name] = version;
            else
                notVersions.Add($"{name}: tag '{reference.Tag}' is not a CHT release version (major.minor.patch)");
        }

        if (foreign.Count > 0)
            return (null, "Image(s) not from this instance's registry and repositories: " + string.Join("; ", foreign));
        if (notVersions.Count > 0)
            return (null, string.Join("; ", notVersions));
        if (versions.Count == 0)
            return (null, "No CHT release image in the request: expected at least one of cht-api, cht-sentinel, cht-couchdb, cht-couchdb-nouveau");
        if (versions.Values.Distinct().Count() > 1)
            return (null, "The CHT images ask for different versions: " + string.Join(", ", versions.Select(v => $"{v.Key} {v.Value}")) + "; one release at a time");

        var names = pairs.Select(p => p.Name).Distinct().ToList();
        return (new UpgradeRequest(names, versions.Values.First()), null);
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
