using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Chtctl.Testing.KubeApi;

/// <summary>
/// The objects of the test cluster and the write semantics of the real API server: resourceVersion on every
/// change (none on a no-op), generation on spec changes only, namespaced objects only in existing namespaces,
/// field ownership in <c>managedFields</c> and server-side apply with conflicts.
/// </summary>
public sealed class ObjectStore(TimeProvider clock)
{
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _resourceVersion = 1000;
    private long _uid;

    /// <summary>Called after every stored write of a Deployment (not dry runs); plays the Deployment controller.</summary>
    public Action<JsonObject>? DeploymentWritten { get; set; }

    private static string Key(ApiResource resource, string? ns, string name) => $"{resource.Group}/{resource.Plural}/{ns}/{name}";

    public JsonObject? Get(ApiResource resource, string? ns, string name)
    {
        lock (_lock)
            return _objects.GetValueOrDefault(Key(resource, ns, name))?.DeepClone().AsObject();
    }

    public (IReadOnlyList<JsonObject> Items, string ResourceVersion) List(ApiResource resource, string? ns, string? selector)
    {
        var matches = LabelSelector.Parse(selector);
        lock (_lock)
        {
            var prefix = ns is null ? $"{resource.Group}/{resource.Plural}/" : $"{resource.Group}/{resource.Plural}/{ns}/";
            var items = _objects.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.Value)
                .Where(matches).OrderBy(o => o["metadata"]?["namespace"]?.GetValue<string>(), StringComparer.Ordinal)
                .ThenBy(o => o["metadata"]!["name"]!.GetValue<string>(), StringComparer.Ordinal)
                .Select(o => o.DeepClone().AsObject()).ToList();
            return (items, _resourceVersion.ToString(CultureInfo.InvariantCulture));
        }
    }

    public JsonObject Create(ApiResource resource, string? ns, JsonObject body, string manager, bool dryRun)
    {
        lock (_lock)
        {
            var name = NameOf(body) ?? throw ApiError.BadRequest("metadata.name: Required value: name is required");
            CheckTarget(resource, ns, name, body);
            if (_objects.ContainsKey(Key(resource, ns, name)))
                throw ApiError.AlreadyExists(resource, name);
            var created = Normalize(resource, body);
            created.Remove("status");
            FinishNew(resource, ns, created);
            ManagerEntry.Write(created, [new ManagerEntry(manager, "Update", resource.ApiVersion, Now(), FieldPaths.Of(created))]);
            return Store(resource, ns, name, created, dryRun);
        }
    }

    public JsonObject Replace(ApiResource resource, string? ns, string name, JsonObject body, string manager, bool dryRun)
    {
        lock (_lock)
        {
            CheckTarget(resource, ns, name, body);
            var live = _objects.GetValueOrDefault(Key(resource, ns, name)) ?? throw ApiError.NotFound(resource, name);
            var sentVersion = body["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (sentVersion is not null && sentVersion != ResourceVersionOf(live))
                throw new ApiError(409, "Conflict",
                    $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            var updated = Normalize(resource, body);
            updated["status"] = live["status"]?.DeepClone();
            CopyServerMetadata(live, updated);
            // An update takes ownership of the fields it changed, away from whoever had them.
            var changed = FieldPaths.Of(updated).Where(p => !Equal(FieldPaths.Get(live, p), FieldPaths.Get(updated, p))).ToHashSet();
            var entries = ManagerEntry.Read(live);
            foreach (var entry in entries)
                entry.Fields.ExceptWith(changed);
            AddOrMerge(entries, manager, "Update", resource.ApiVersion, Now(), changed);
            ManagerEntry.Write(updated, entries);
            return Write(resource, ns, name, live, updated, dryRun);
        }
    }

    public JsonObject Apply(ApiResource resource, string? ns, string name, JsonObject body, string manager, bool force, bool dryRun)
    {
        lock (_lock)
        {
            CheckTarget(resource, ns, name, body);
            var applied = Normalize(resource, body);
            // The status subresource is not applied through the main resource.
            applied.Remove("status");
            var appliedFields = FieldPaths.Of(applied);
            var live = _objects.GetValueOrDefault(Key(resource, ns, name));
            if (live is null)
            {
                FinishNew(resource, ns, applied);
                ManagerEntry.Write(applied, [new ManagerEntry(manager, "Apply", resource.ApiVersion, Now(), appliedFields)]);
                return Store(resource, ns, name, applied, dryRun);
            }

            var entries = ManagerEntry.Read(live);
            var conflicts = entries.Where(e => e.Manager != manager)
                .SelectMany(e => e.Fields.Where(appliedFields.Contains)
                    .Where(p => !Equal(FieldPaths.Get(live, p), FieldPaths.Get(applied, p)))
                    .Select(p => (Entry: e, Path: p)))
                .ToList();
            if (conflicts.Count > 0 && !force)
                throw Conflicts(conflicts.Select(c => (c.Entry.Manager, c.Entry.ApiVersion, c.Path)).ToList());
            foreach (var (entry, path) in conflicts)
                entry.Fields.Remove(path);

            var result = live.DeepClone().AsObject();
            var mine = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Apply");
            // Fields this manager applied before and no longer applies are removed, unless someone else owns them too.
            foreach (var dropped in (mine?.Fields ?? []).Where(p => !appliedFields.Contains(p)))
            {
                if (!entries.Any(e => e != mine && e.Fields.Contains(dropped)))
                    FieldPaths.Remove(result, dropped);
            }
            foreach (var path in appliedFields)
                FieldPaths.Set(result, path, FieldPaths.Get(applied, path));
            foreach (var (key, value) in applied["metadata"]!.AsObject().Where(p => p.Key is "labels" or "annotations" && p.Value is JsonObject { Count: 0 }))
                result["metadata"]![key] = value?.DeepClone();

            var unchangedOwnership = mine is not null && mine.Fields.SetEquals(appliedFields) && conflicts.Count == 0;
            entries.RemoveAll(e => e.Manager == manager && e.Operation == "Apply");
            entries.Add(new ManagerEntry(manager, "Apply", resource.ApiVersion, unchangedOwnership ? mine!.Time : Now(), appliedFields));
            ManagerEntry.Write(result, entries);
            return Write(resource, ns, name, live, result, dryRun);
        }
    }

    public JsonObject Delete(ApiResource resource, string? ns, string name, bool dryRun)
    {
        lock (_lock)
        {
            var key = Key(resource, ns, name);
            var live = _objects.GetValueOrDefault(key) ?? throw ApiError.NotFound(resource, name);
            if (!dryRun)
            {
                _objects.Remove(key);
                _resourceVersion++;
                // A namespace takes everything in it along (the real server finalizes this asynchronously).
                if (resource.Kind == "Namespace")
                {
                    foreach (var inside in _objects.Keys.Where(k => k.Split('/')[2] == name && IsNamespacedKey(k)).ToList())
                        _objects.Remove(inside);
                }
            }
            return live.DeepClone().AsObject();
        }
    }

    /// <summary>Writes an object's status as its controller would (status subresource: no generation change).</summary>
    public void SetStatus(ApiResource resource, string? ns, string name, JsonObject status)
    {
        lock (_lock)
        {
            var live = _objects.GetValueOrDefault(Key(resource, ns, name)) ?? throw ApiError.NotFound(resource, name);
            live["status"] = status.DeepClone();
            live["metadata"]!["resourceVersion"] = NextVersion();
        }
    }

    private static bool IsNamespacedKey(string key)
    {
        var parts = key.Split('/');
        return ApiResource.Find(parts[0], "v1", parts[1]) is { Namespaced: true };
    }

    private void CheckTarget(ApiResource resource, string? ns, string name, JsonObject body)
    {
        if (body["kind"]?.GetValue<string>() is { } kind && kind != resource.Kind)
            throw ApiError.BadRequest($"the kind of the object ({kind}) does not match the URL ({resource.Kind})");
        if (body["apiVersion"]?.GetValue<string>() is { } apiVersion && apiVersion != resource.ApiVersion)
            throw ApiError.BadRequest($"the API version of the object ({apiVersion}) does not match the URL ({resource.ApiVersion})");
        if (NameOf(body) is { } bodyName && bodyName != name)
            throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        if (resource.Namespaced && body["metadata"]?["namespace"]?.GetValue<string>() is { } bodyNs && bodyNs != ns)
            throw ApiError.BadRequest($"the namespace of the provided object ({bodyNs}) does not match the namespace sent on the request ({ns})");
        if (resource.Namespaced && !_objects.ContainsKey(Key(ApiResource.ForKind("Namespace"), null, ns!)))
            throw ApiError.NotFound(ApiResource.ForKind("Namespace"), ns!);
    }

    /// <summary>A Secret's <c>stringData</c> is write-only: the server merges it into <c>data</c>, base64-encoded.</summary>
    private static JsonObject Normalize(ApiResource resource, JsonObject body)
    {
        // Through text, as over the wire: numbers built in code (Int32) read back like parsed ones.
        var copy = JsonNode.Parse(body.ToJsonString())!.AsObject();
        copy["kind"] = resource.Kind;
        copy["apiVersion"] = resource.ApiVersion;
        if (resource.Kind == "Secret" && copy["stringData"] is JsonObject stringData)
        {
            var data = copy["data"] as JsonObject ?? [];
            foreach (var (key, value) in stringData)
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
            copy["data"] = data;
            copy.Remove("stringData");
        }
        return copy;
    }

    private void FinishNew(ApiResource resource, string? ns, JsonObject o)
    {
        var meta = o["metadata"]!.AsObject();
        if (resource.Namespaced)
            meta["namespace"] = ns;
        meta["uid"] = $"00000000-0000-4000-8000-{++_uid:D12}";
        meta["creationTimestamp"] = Now();
        meta["generation"] = 1L;
        if (resource.Kind == "Namespace")
            o["status"] = new JsonObject { ["phase"] = "Active" };
    }

    private static void CopyServerMetadata(JsonObject from, JsonObject to)
    {
        foreach (var field in new[] { "uid", "creationTimestamp", "generation", "resourceVersion", "namespace" })
            to["metadata"]![field] = from["metadata"]![field]?.DeepClone();
    }

    private JsonObject Write(ApiResource resource, string? ns, string name, JsonObject live, JsonObject result, bool dryRun)
    {
        result["metadata"]!["resourceVersion"] = live["metadata"]!["resourceVersion"]?.DeepClone();
        if (JsonNode.DeepEquals(result, live))
            return live.DeepClone().AsObject();
        if (!JsonNode.DeepEquals(WithoutMetaAndStatus(result), WithoutMetaAndStatus(live)))
            result["metadata"]!["generation"] = (live["metadata"]!["generation"]?.GetValue<long>() ?? 0) + 1;
        return Store(resource, ns, name, result, dryRun);
    }

    private JsonObject Store(ApiResource resource, string? ns, string name, JsonObject o, bool dryRun)
    {
        if (dryRun)
            return o.DeepClone().AsObject();
        o["metadata"]!["resourceVersion"] = NextVersion();
        _objects[Key(resource, ns, name)] = o;
        var answer = o.DeepClone().AsObject();
        if (resource.Kind == "Deployment")
            DeploymentWritten?.Invoke(o);
        return answer;
    }

    private static JsonObject WithoutMetaAndStatus(JsonObject o)
    {
        var copy = o.DeepClone().AsObject();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }

    private static void AddOrMerge(List<ManagerEntry> entries, string manager, string operation, string apiVersion, string time, HashSet<FieldPath> fields)
    {
        if (fields.Count == 0)
            return;
        var existing = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == operation);
        if (existing is null)
            entries.Add(new ManagerEntry(manager, operation, apiVersion, time, fields));
        else
            existing.Fields.UnionWith(fields);
    }

    private static ApiError Conflicts(IReadOnlyList<(string Manager, string ApiVersion, FieldPath Path)> conflicts)
    {
        var causes = conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with \"{c.Manager}\" using {c.ApiVersion}",
            ["field"] = c.Path.ToString(),
        }).ToArray();
        var plural = conflicts.Count == 1 ? "conflict" : "conflicts";
        var message = $"Apply failed with {conflicts.Count} {plural}: "
            + string.Join("\n", conflicts.Select(c => $"conflict with \"{c.Manager}\" using {c.ApiVersion}: {c.Path}"));
        return new ApiError(409, "Conflict", message, new JsonObject { ["causes"] = new JsonArray(causes) });
    }

    private static bool Equal(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    private static string? NameOf(JsonObject o) => o["metadata"]?["name"]?.GetValue<string>();

    private static string? ResourceVersionOf(JsonObject o) => o["metadata"]?["resourceVersion"]?.GetValue<string>();

    private string NextVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    private string Now() => clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
