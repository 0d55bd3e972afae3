namespace Chtctl.CouchDb.Protocol;

/// <summary>A node's <c>/_up</c> answer as read by <see cref="CouchDbUp.Read"/>: its status code, what it means, and CouchDB's own <c>status</c> word when it sent one.</summary>
public sealed record UpAnswer(int Status, UpState State, string? CouchDbStatus)
{
    public bool IsUp => State == UpState.Up;

    /// <summary>Why the node is not up, in the words the operator sees (<c>/_up answered 500</c>); <c>up</c> when it is.</summary>
    public string Reason => State switch
    {
        UpState.Up => "up",
        _ when Status == 200 => "/_up answered 200 without status ok",
        _ => $"/_up answered {Status}",
    };
}
