namespace Chtctl.Services.HealthAgent;

/// <summary>What one check of one node found: healthy or not, with a short reason HAProxy shows in its log and stats.</summary>
internal sealed record NodeHealth(bool Healthy, string Reason)
{
    public static NodeHealth Up { get; } = new(true, "ok");

    public static NodeHealth Down(string reason) => new(false, reason);
}
