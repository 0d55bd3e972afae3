using System.CommandLine;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Cli.Commands;

internal static class TargetOption
{
    /// <summary><c>--target compose|kubernetes</c>, overriding the instance file's target.</summary>
    public static Option<DeploymentTarget?> Create() => new("--target")
    {
        Description = "Render for this target instead of the instance file's: compose or kubernetes.",
        HelpName = "compose|kubernetes",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            foreach (var target in Enum.GetValues<DeploymentTarget>())
            {
                if (SpecNaming.EnumValueOf(target) == text)
                    return target;
            }

            result.AddError($"--target must be compose or kubernetes, not '{text}'");
            return null;
        },
    };
}
