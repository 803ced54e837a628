namespace Ingestion.Messaging.Resilience;

/// <summary>
/// One endpoint's in-process retry of transient faults: exponential back-off from <see cref="MinIntervalMs"/> to
/// <see cref="MaxIntervalMs"/>, growing by <see cref="IntervalDeltaMs"/> (MassTransit adds up to that much jitter).
/// </summary>
public sealed class RetrySchedule
{
    /// <summary>Retries after the first attempt; 0 turns retry off.</summary>
    public int RetryLimit { get; set; } = 10;

    /// <summary>The first back-off interval.</summary>
    public int MinIntervalMs { get; set; } = 50;

    /// <summary>The longest back-off interval.</summary>
    public int MaxIntervalMs { get; set; } = 5_000;

    /// <summary>The growth step of the interval.</summary>
    public int IntervalDeltaMs { get; set; } = 100;
}
