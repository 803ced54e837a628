namespace Ingestion.Qualification.Faults;

/// <summary>How <see cref="ThrottledTcpProxy"/> slows what it forwards; <see cref="None"/> forwards at full speed.</summary>
/// <param name="LatencyPerChunk">Added before each chunk is forwarded, in either direction.</param>
/// <param name="BytesPerSecond">Shared by every connection and both directions; 0 for no cap.</param>
/// <param name="MaxConnections">Connections forwarded at once; later ones wait (unanswered, as at a saturated server) for a free slot; 0 for no cap.</param>
/// <param name="Unresponsive">Forward nothing: new connections wait unanswered and chunks are held, as at a hung server.</param>
public sealed record ProxyThrottle(TimeSpan LatencyPerChunk, long BytesPerSecond = 0, int MaxConnections = 0, bool Unresponsive = false)
{
    /// <summary>No throttle.</summary>
    public static ProxyThrottle None { get; } = new(TimeSpan.Zero);

    /// <summary>A hung server: nothing is answered until the throttle changes.</summary>
    public static ProxyThrottle Hung { get; } = new(TimeSpan.Zero, Unresponsive: true);
}
