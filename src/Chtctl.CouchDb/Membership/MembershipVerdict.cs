namespace Chtctl.CouchDb.Membership;

/// <summary>The answer to one question of <see cref="ClusterMembershipRule"/>: yes, or no and why in words for the operator.</summary>
public sealed record MembershipVerdict
{
    private MembershipVerdict(string? problem) => Problem = problem;

    public static MembershipVerdict Yes { get; } = new((string?)null);

    /// <summary>Why not; null when the answer is yes.</summary>
    public string? Problem { get; }

    public bool Holds => Problem is null;

    public static MembershipVerdict No(string problem)
    {
        ArgumentException.ThrowIfNullOrEmpty(problem);
        return new MembershipVerdict(problem);
    }
}
