using System.Text.Json.Serialization;

namespace Chtctl.Core.Driving;

/// <summary>What would happen to one thing the instance is made of.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanAction>))]
public enum PlanAction
{
    [JsonStringEnumMemberName("add")]
    Add,

    [JsonStringEnumMemberName("change")]
    Change,

    /// <summary>Compose: a stopped container started again.</summary>
    [JsonStringEnumMemberName("start")]
    Start,

    [JsonStringEnumMemberName("remove")]
    Remove,

    /// <summary>Kubernetes: another field manager owns a field chtctl sets.</summary>
    [JsonStringEnumMemberName("conflict")]
    Conflict,
}

/// <summary>One planned change.</summary>
/// <param name="Kind">What it is: <c>service</c>, <c>file</c>, <c>certificate</c> (Compose) or the object kind (<c>Deployment</c>, Kubernetes).</param>
/// <param name="Name">Its name (a service, a project file, an object).</param>
/// <param name="Subject">How people read it: <c>service couchdb</c>, <c>Deployment/cht-api</c>.</param>
/// <param name="Details">What changes: field paths and values that are not secret, images, state.</param>
public sealed record PlannedChange(string Kind, string Name, string Subject, PlanAction Action, IReadOnlyList<string> Details);
