namespace Ingestion.Messaging.Redelivery;

/// <summary>
/// Redelivery after a delay through broker-native wait queues, for transient faults that outlast an endpoint's
/// in-process retries: bound from <c>Ingestion:Redelivery</c>. Redelivery n waits
/// <c>min(BaseDelayMs × Factor^(n-1), MaxDelayMs)</c>, shortened by up to <see cref="Jitter"/> of itself.
/// </summary>
public sealed class StageRedeliveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Redelivery";

    /// <summary>
    /// Redeliveries after the first delivery; 0 turns redelivery off (the message faults as before). Off unless
    /// configured, so that deployments and suites written for fault-at-once behaviour keep it; 3 is a sensible value.
    /// </summary>
    public int MaxRedeliveries { get; set; }

    /// <summary>The wait before the first redelivery.</summary>
    public int BaseDelayMs { get; set; } = 5_000;

    /// <summary>How much longer each further wait is than the one before.</summary>
    public double Factor { get; set; } = 5;

    /// <summary>The longest wait.</summary>
    public int MaxDelayMs { get; set; } = 600_000;

    /// <summary>The largest share of a wait that jitter may take off it, from 0 to 0.5.</summary>
    public double Jitter { get; set; } = 0.2;
}
