namespace Ingestion.Tests.Support;

/// <summary>A switch a test flips to take a simulated dependency down and bring it back.</summary>
internal sealed class Outage
{
    private volatile bool _down;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }
}
