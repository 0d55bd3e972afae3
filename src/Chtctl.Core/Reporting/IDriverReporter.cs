namespace Chtctl.Core.Reporting;

/// <summary>Where the driver tells the operator what it is doing, as it does it. Never given secret values.</summary>
public interface IDriverReporter
{
    void Step(string message);

    void Warn(string message);
}
