namespace Ingestion.Messaging.Breakers;

/// <summary>
/// The circuit breaker on every endpoint (the database behind the saga, intake, archive and audit; the parse stage):
/// bound from <c>Ingestion:CircuitBreaker</c>.
/// </summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:CircuitBreaker";

    /// <summary>Whether endpoints have a breaker at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages an endpoint must have consumed within the window before the breaker may open.</summary>
    public int ActivationThreshold { get; set; } = 10;

    /// <summary>The share of transient faults among them, in percent, that opens the breaker.</summary>
    public int TripThresholdPercent { get; set; } = 15;

    /// <summary>The window over which faults are counted.</summary>
    public int TrackingPeriodSeconds { get; set; } = 60;

    /// <summary>How long the endpoint stays stopped before it half-opens and takes messages again.</summary>
    public int RestartTimeoutSeconds { get; set; } = 30;
}
