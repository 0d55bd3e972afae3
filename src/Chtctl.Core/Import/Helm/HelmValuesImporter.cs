using Chtctl.Core.Spec;

namespace Chtctl.Core.Import.Helm;

/// <summary>
/// Reads the values of medic/cht-chart-4x or the in-repo cht-chart into an instance spec (target kubernetes,
/// TLS at the Ingress) and the credentials it carried. Every key ends up mapped, reported as ignored (with why),
/// or reported as unknown.
/// </summary>
internal static class HelmValuesImporter
{
    public static ImportResult Import(string text, string file, ImportOptions options)
    {
        var context = new ImportContext(file);
        if (HelmValues.Parse(text, context) is not { } values)
            return new ImportResult(null, ImportedSecrets.None, context.Finish(null)) { Format = ImportFormat.HelmValues };

        var reader = new HelmReader(values, context, HelmChartDetector.Detect(values, context));
        var identity = HelmIdentity.Read(reader, options);
        var platform = HelmPlatform.Read(reader);
        var couchdb = HelmCouchDb.Read(reader);
        var storage = HelmStorage.Read(reader, platform, couchdb, identity.RunningNamespace);
        var pinning = HelmPinning.Read(reader, couchdb, required: storage.DataOnNodes, why: "its data is on that machine");
        var ingress = HelmIngress.Read(reader, platform);
        var secrets = HelmSecrets.Read(reader);
        HelmKeys.ReportIgnored(reader);
        HelmKeys.ReportUnknown(reader);

        var spec = new InstanceSpec
        {
            Name = identity.Name,
            Target = DeploymentTarget.Kubernetes,
            Cht = identity.Cht,
            Couchdb = couchdb.CouchDb,
            Tls = new TlsSpec { Mode = TlsMode.Ingress, Host = ingress.Host ?? new TlsSpec().Host },
            Kubernetes = new KubernetesSpec
            {
                Namespace = identity.Namespace,
                Platform = platform,
                Pinning = pinning,
                Storage = storage.Storage,
                Ingress = ingress.Ingress,
            },
        };
        return new ImportResult(spec, secrets, context.Finish(spec)) { Format = ImportFormat.HelmValues };
    }
}
