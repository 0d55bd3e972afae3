using Chtctl.Core.Driving;

namespace Chtctl.Cli.Output;

/// <summary>What <c>chtctl rollback --output json</c> prints: the entry returned to and the run that took the instance there.</summary>
internal sealed record RollbackOutput(HistoryEntry ReturnedTo, UpResult Run);
