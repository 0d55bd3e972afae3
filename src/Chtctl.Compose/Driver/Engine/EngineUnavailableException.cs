namespace Chtctl.Compose.Driver.Engine;

/// <summary>The Docker engine could not be reached or refused a request; the message says what to do.</summary>
public sealed class EngineUnavailableException : Exception
{
    public EngineUnavailableException(string message)
        : base(message)
    {
    }

    public EngineUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public EngineUnavailableException()
    {
    }
}
