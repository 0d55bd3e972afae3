using Chtctl.Compose.Driver.State;
using Chtctl.Compose.Rendering;
using Chtctl.Core.Rendering;
using YamlDotNet.RepresentationModel;

namespace Chtctl.Compose.Driver.Planning;

/// <summary>
/// Compares a new render with what is deployed: the project files, and for each service its container
/// (missing, stopped, another image, or a changed service definition, named field by field). Pure: the
/// driver reads the deployed state into a <see cref="ProjectSnapshot"/> first.
/// </summary>
public static class ComposePlanner
{
    public static ComposePlan Plan(RenderedTree desired, ProjectSnapshot deployed, IReadOnlyList<string> certificateChanges)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(deployed);
        ArgumentNullException.ThrowIfNull(certificateChanges);
        var containers = deployed.Containers;
        var files = deployed.FileChanges(desired);
        var before = YamlTreeDiff.Child(YamlTreeDiff.Load(deployed.File(ProjectFiles.ComposeFile)), "services");
        var after = YamlTreeDiff.Child(YamlTreeDiff.Load(desired[ProjectFiles.ComposeFile].Content), "services")
            ?? throw new InvalidOperationException("the rendered docker-compose.yml has no services");
        var envChanged = files.Any(f => f.File == ProjectFiles.EnvFile && f.Change == FileChange.Change);

        var services = new List<ServiceChange>();
        foreach (var service in YamlTreeDiff.Keys(after))
        {
            var definition = YamlTreeDiff.Child(after, service)!;
            var container = containers.Where(c => c.Service == service).MaxBy(c => c.StartedAt);
            if (container is null)
            {
                services.Add(new ServiceChange(service, ServiceAction.Add, [$"image {Image(definition)}"]));
                continue;
            }
            var details = new List<string>(YamlTreeDiff.Compare(YamlTreeDiff.Child(before, service), definition)
                .Select(d => "definition " + d));
            if (!string.Equals(container.Image, Image(definition), StringComparison.Ordinal) && !details.Any(d => d.StartsWith("definition image:", StringComparison.Ordinal)))
                details.Add($"image: running {container.Image}, wanted {Image(definition)}");
            if (envChanged && Environment(definition).Any(v => v.Contains("${", StringComparison.Ordinal)))
                details.Add(".env changed (values not shown)");
            if (details.Count > 0)
                services.Add(new ServiceChange(service, ServiceAction.Change, details));
            else if (!container.Running)
                services.Add(new ServiceChange(service, ServiceAction.Start, [$"container {container.Name} is {container.State}"]));
        }
        foreach (var gone in containers.Select(c => c.Service).Distinct().Where(s => s.Length > 0 && !YamlTreeDiff.Keys(after).Contains(s)))
            services.Add(new ServiceChange(gone, ServiceAction.Remove, ["no longer in the instance"]));
        return new ComposePlan(files, services, certificateChanges);
    }

    private static string Image(YamlMappingNode service) =>
        service.Children.TryGetValue(new YamlScalarNode("image"), out var image) && image is YamlScalarNode s ? s.Value ?? "" : "";

    private static IEnumerable<string> Environment(YamlMappingNode service) =>
        YamlTreeDiff.Child(service, "environment") is { } env
            ? env.Children.Values.OfType<YamlScalarNode>().Select(v => v.Value ?? "")
            : [];
}
