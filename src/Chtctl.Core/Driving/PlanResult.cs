namespace Chtctl.Core.Driving;

/// <summary>What <c>up</c> would change, the same shape on every target.</summary>
public sealed record PlanResult(string Instance, string Target, string Location, string ChtVersion, IReadOnlyList<PlannedChange> Changes)
{
    public int Add => Count(PlanAction.Add);

    /// <summary>Changed in place, recreated, or started again: what runs would be different.</summary>
    public int Change => Count(PlanAction.Change) + Count(PlanAction.Start);

    public int Remove => Count(PlanAction.Remove);

    public int Conflict => Count(PlanAction.Conflict);

    public bool HasChanges => Changes.Count > 0;

    public string Summary => $"{Add} to add, {Change} to change, {Remove} to remove" + (Conflict > 0 ? $", {Conflict} in conflict" : "");

    private int Count(PlanAction action) => Changes.Count(c => c.Action == action);
}
