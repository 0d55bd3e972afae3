using System.Globalization;
using System.Text.Json;

namespace Chtctl.Services.UpgradeService;

/// <summary>One answer: status, JSON body, and the outcome words for the log line.</summary>
internal sealed record ServiceResponse(int Status, object Body, string Outcome)
{
    public string Json => JsonSerializer.Serialize(Body);

    /// <summary>
    /// Both upstream error shapes at once: the Docker variant's <c>{error: true, reason}</c> and the Kubernetes
    /// variant's <c>{message}</c>, so either kind of client shows the reason.
    /// </summary>
    public static ServiceResponse Error(int status, string reason, UpgradeProgress? progress = null)
    {
        var body = new Dictionary<string, object> { ["error"] = true, ["reason"] = reason, ["message"] = reason };
        if (progress is not null)
            body["progress"] = ProgressJson(progress);
        return new ServiceResponse(status, body, reason);
    }

    public static Dictionary<string, object> ProgressJson(UpgradeProgress progress) => new()
    {
        ["from"] = progress.From.ToString(),
        ["to"] = progress.To.ToString(),
        ["step"] = progress.Step,
        ["requested_by"] = progress.RequestedBy,
        ["started_at"] = progress.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };
}
