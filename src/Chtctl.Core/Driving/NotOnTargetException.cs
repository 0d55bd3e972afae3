namespace Chtctl.Core.Driving;

/// <summary>A verb this target does not do (yet); the message says what to do instead. Nothing was changed.</summary>
public sealed class NotOnTargetException(string message) : Exception(message);
