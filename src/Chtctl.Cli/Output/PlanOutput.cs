using Chtctl.Core.Driving;

namespace Chtctl.Cli.Output;

/// <summary><c>chtctl plan</c> for people: one line per change with what changes under it, then the count.</summary>
internal static class PlanOutput
{
    public static void Write(CliContext context, PlanResult plan)
    {
        foreach (var change in plan.Changes)
        {
            context.Out.WriteLine($"{Sign(change.Action)} {change.Subject} ({Json.Name(change.Action)})");
            foreach (var detail in change.Details)
                context.Out.WriteLine($"    {detail}");
        }
        context.Out.WriteLine(plan.HasChanges
            ? $"Plan: {plan.Summary}."
            : $"No changes: '{plan.Instance}' ({plan.Location}) matches the instance file.");
    }

    public static string Sign(PlanAction action) => action switch
    {
        PlanAction.Add => "+",
        PlanAction.Remove => "-",
        PlanAction.Conflict => "!",
        _ => "~",
    };
}
