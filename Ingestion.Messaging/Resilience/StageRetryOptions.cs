namespace Ingestion.Messaging.Resilience;

/// <summary>
/// The in-process retry budget of a stage: exponential back-off with jitter between <see cref="MinIntervalMs"/>
/// and <see cref="MaxIntervalMs"/>. Bound from <c>Ingestion:Retry:&lt;Stage&gt;</c>.
/// </summary>
public sealed class StageRetryOptions
{
    /// <summary>The configuration section of all stages.</summary>
    public const string Section = "Ingestion:Retry";

    /// <summary>Retries after the first attempt; 0 disables retry.</summary>
    public int RetryLimit { get; set; } = 5;

    /// <summary>The first back-off interval.</summary>
    public int MinIntervalMs { get; set; } = 200;

    /// <summary>The longest back-off interval.</summary>
    public int MaxIntervalMs { get; set; } = 10_000;

    /// <summary>The growth step of the interval; MassTransit adds up to this much jitter.</summary>
    public int IntervalDeltaMs { get; set; } = 400;
}
