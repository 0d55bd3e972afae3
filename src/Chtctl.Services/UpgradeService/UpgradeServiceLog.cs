namespace Chtctl.Services.UpgradeService;

/// <summary>
/// One line per request on a writer (stderr in the container): method, path, status, outcome and target version.
/// Built from the service's own words; request bodies and headers (which may carry credentials) never reach it.
/// </summary>
internal sealed class UpgradeServiceLog(TextWriter writer, TimeProvider clock)
{
    public void Write(string message)
    {
        var line = $"{clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} upgrade-service {message}";
        lock (writer)
            writer.WriteLine(line);
    }
}
