namespace Chtctl.Core.Driving;

/// <summary>What <c>destroy</c> removed, and what it kept with the data.</summary>
/// <param name="Removed">How many workloads and objects went (Compose: containers; Kubernetes: objects).</param>
/// <param name="Deleted">Data that was deleted (only with <c>--delete-data</c>): directories, volumes, secrets.</param>
/// <param name="Kept">What stays so that <c>up</c> brings the instance back with its data.</param>
public sealed record DestroyResult(string Instance, string Target, string Location, bool DataDeleted, int Removed, IReadOnlyList<string> Deleted, IReadOnlyList<string> Kept);
