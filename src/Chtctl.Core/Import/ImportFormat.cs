using Chtctl.Core.Spec;

namespace Chtctl.Core.Import;

/// <summary>What operators have today that chtctl can read.</summary>
public enum ImportFormat
{
    /// <summary>A values file of medic/cht-chart-4x or of the newer in-repo chart (cht-core <c>scripts/build/helm</c>).</summary>
    [YamlName("helm")] HelmValues,

    /// <summary>The <c>.env</c> of the documented upstream Docker Compose install (cht-upgrade-service).</summary>
    [YamlName("env")] DockerEnv,
}
