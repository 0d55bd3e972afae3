namespace Chtctl.Services.HealthAgent;

internal enum AgentLogLevel
{
    Debug,
    Info,
    Warning,
    Error,
}

/// <summary>
/// One line per event on a writer (stderr in the container, where the runtime collects it). Messages are
/// built by the agent from node names and reasons only; credentials never reach here.
/// </summary>
internal sealed class AgentLog(TextWriter writer, AgentLogLevel minimum, TimeProvider clock)
{
    public static AgentLog None { get; } = new(TextWriter.Null, AgentLogLevel.Error, TimeProvider.System);

    public bool IsEnabled(AgentLogLevel level) => level >= minimum;

    public void Write(AgentLogLevel level, string message)
    {
        if (!IsEnabled(level))
            return;
        var line = $"{clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} healthcheck {level.ToString().ToUpperInvariant()} {message}";
        lock (writer)
            writer.WriteLine(line);
    }

    public static bool TryParseLevel(string text, out AgentLogLevel level)
    {
        // Upstream's agent took Python level names (WARNING, DEBUG...); the same names work here.
        switch (text.Trim().ToUpperInvariant())
        {
            case "DEBUG": level = AgentLogLevel.Debug; return true;
            case "INFO": level = AgentLogLevel.Info; return true;
            case "WARN" or "WARNING": level = AgentLogLevel.Warning; return true;
            case "ERROR" or "CRITICAL": level = AgentLogLevel.Error; return true;
            default: level = AgentLogLevel.Warning; return false;
        }
    }
}
