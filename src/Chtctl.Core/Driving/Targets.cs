using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Driving;

/// <summary>A target's name as the instance file and every JSON output spell it (<c>compose</c>, <c>kubernetes</c>).</summary>
public static class Targets
{
    public static string Name(DeploymentTarget target) => SpecNaming.EnumValueOf(target);
}
