namespace Chtctl.Core.Driving;

/// <summary>One check of the chain: what was asked of which component, and why it failed (null when OK).</summary>
/// <param name="Check">What is checked, for people (<c>api ready (/setup/poll)</c>, <c>couchdb couchdb-2</c>).</param>
/// <param name="Component">The component asked.</param>
/// <param name="Request">The request or probe (<c>GET /_up</c>); null when the check reads state rather than asking.</param>
/// <param name="Via">How it was reached: a container address, <c>haproxy:5984</c> through the service proxy.</param>
public sealed record ChainCheck(string Check, string Component, string? Request, string? Via, bool Ok, string? Problem);
