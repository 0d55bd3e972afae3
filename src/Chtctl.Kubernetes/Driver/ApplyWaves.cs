namespace Chtctl.Kubernetes.Driver;

/// <summary>A group of objects applied together; workloads in a wave must be ready before the next wave starts.</summary>
public sealed record Wave(string Title, IReadOnlyList<DesiredObject> Objects)
{
    public IEnumerable<DesiredObject> Workloads => Objects.Where(o => o.Kind == ResourceKind.Deployment);
}

/// <summary>
/// Splits the renderer's ordered objects into waves: everything the pods depend on first, then Deployments by
/// their <c>chtctl/wave</c> annotation (CouchDB, then agent and HAProxy, then api, then sentinel and the
/// upgrade service), then the Ingress once there is something behind it.
/// </summary>
public static class ApplyWaves
{
    public const string WaveAnnotation = "chtctl/wave";

    public static IReadOnlyList<Wave> Of(IReadOnlyList<DesiredObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var foundation = objects.Where(o => o.Kind != ResourceKind.Deployment && o.Kind != ResourceKind.Ingress).ToList();
        var waves = new List<Wave>();
        if (foundation.Count > 0)
            waves.Add(new Wave("namespace, access, secrets, config, storage, policies, services", foundation));
        foreach (var group in objects.Where(o => o.Kind == ResourceKind.Deployment).GroupBy(WaveOf).OrderBy(g => g.Key))
            waves.Add(new Wave(string.Join(", ", group.Select(o => o.Name)), [.. group]));
        var edge = objects.Where(o => o.Kind == ResourceKind.Ingress).ToList();
        if (edge.Count > 0)
            waves.Add(new Wave("ingress", edge));
        return waves;
    }

    private static int WaveOf(DesiredObject deployment) =>
        int.TryParse(deployment.Body["metadata"]?["annotations"]?[WaveAnnotation]?.GetValue<string>(), out var wave) ? wave : int.MaxValue;
}
