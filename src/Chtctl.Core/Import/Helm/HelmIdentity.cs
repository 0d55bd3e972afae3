using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;
using Chtctl.Core.Versions;

namespace Chtctl.Core.Import.Helm;

/// <summary>Who the instance is: name, namespace, and which CHT release from where.</summary>
internal sealed record HelmIdentityReading(string Name, string? Namespace, ChtSpec Cht)
{
    /// <summary>The namespace the release runs in, whether or not it differs from the name (upstream names host paths after it).</summary>
    public string? RunningNamespace { get; init; }
}

internal static class HelmIdentity
{
    public static HelmIdentityReading Read(HelmReader reader, ImportOptions options)
    {
        var context = reader.Context;
        var project = reader.Text("project_name", "the Helm release name (helm list -A shows it); chtctl names the instance after it");
        var ns = reader.Text("namespace", "the namespace the instance runs in (helm list -A shows it)");

        var (nameSource, rawName) = project is not null ? ("project_name", project) : ("namespace", ns);
        if (project is null && ns is not null)
            context.Info("namespace", reader.Locate("namespace"), "no usable project_name: the instance is named after the namespace");
        if (!reader.Has("project_name") && !reader.Has("namespace"))
            context.Error("project_name", SourceLocation.None, "neither project_name nor namespace is set: the instance needs a name",
                "add project_name: <release name>");

        var name = rawName ?? "";
        if (rawName is not null && !InstanceNames.IsLabel(rawName) && InstanceNames.Sanitise(rawName) is { } label)
        {
            context.Info(nameSource, reader.Locate(nameSource), $"'{rawName}' is not a DNS label; the instance is named '{label}'");
            name = label;
        }

        context.Origin("name", nameSource, reader.Locate(nameSource));
        string? namespaceKey = null;
        if (ns is not null && ns != name)
        {
            namespaceKey = ns;
            context.Origin("kubernetes.namespace", "namespace", reader.Locate("namespace"));
        }

        return new HelmIdentityReading(name, namespaceKey, ReadCht(reader, options)) { RunningNamespace = ns };
    }

    private static ChtSpec ReadCht(HelmReader reader, ImportOptions options)
    {
        var cht = new ChtSpec { Version = Version(reader, options) };
        if (reader.Text("upstream_servers.docker_registry") is { } registry)
        {
            cht = cht with { Registry = registry.TrimEnd('/') };
            reader.Context.Origin("cht.registry", "upstream_servers.docker_registry", reader.Locate("upstream_servers.docker_registry"));
        }

        if (reader.Text("upstream_servers.builds_url") is { } builds)
        {
            cht = cht with { BuildsUrl = builds };
            reader.Context.Origin("cht.buildsUrl", "upstream_servers.builds_url", reader.Locate("upstream_servers.builds_url"));
        }

        return cht;
    }

    /// <summary>
    /// cht_image_tag is what the pods run (cht-deploy set it from the builds server); chtversion is what cht-deploy
    /// looked the tag up with. Prefer the tag when it is a release version.
    /// </summary>
    private static string Version(HelmReader reader, ImportOptions options)
    {
        var context = reader.Context;
        const string hint = "set the CHT version the instance runs, e.g. 4.22.0 (kubectl get deploy cht-api -o wide shows the image tag)";
        var tag = reader.Text("cht_image_tag", hint);
        var version = reader.Text("chtversion", hint);
        if (tag is not null && !VersionRequest.TryParse(tag, out _))
        {
            context.Warning("cht_image_tag", reader.Locate("cht_image_tag"),
                $"'{tag}' is not a CHT release version; chtctl runs released versions",
                version is not null ? $"chtversion {version} is used instead" : "set cht.version to the release this build corresponds to");
            tag = null;
        }

        var (key, fromFile) = tag is not null ? ("cht_image_tag", tag) : ("chtversion", version);
        if (tag is not null && version is not null && tag != version)
            context.Warning("chtversion", reader.Locate("chtversion"),
                $"chtversion {version} differs from cht_image_tag {tag}; the pods run the image tag, so chtctl uses {tag}");

        if (options.ChtVersion is { } asked)
        {
            if (fromFile is not null && fromFile != asked)
                context.Warning(key, reader.Locate(key), $"the file says {fromFile}; using {asked} as asked");
            context.Origin("cht.version", key, reader.Locate(key));
            return asked;
        }

        if (fromFile is not null)
        {
            context.Origin("cht.version", key, reader.Locate(key));
            return fromFile;
        }

        if (!reader.Has("chtversion") && !reader.Has("cht_image_tag"))
            context.Warning("chtversion", SourceLocation.None, "no CHT version in the file: cht.version is 'latest', which would upgrade the instance",
                "pin the version the instance runs: pass it to the import, or set cht.version");
        context.Origin("cht.version", "chtversion", reader.Locate("chtversion"));
        return "latest";
    }
}
