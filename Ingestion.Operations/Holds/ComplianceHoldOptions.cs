namespace Ingestion.Operations.Holds;

/// <summary>When the fleet places a compliance hold by itself: bound from <c>Ingestion:ComplianceHold</c>.</summary>
public sealed class ComplianceHoldOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:ComplianceHold";

    /// <summary>Whether workers watch the triggers at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each worker checks the triggers.</summary>
    public int CheckIntervalSeconds { get; set; } = 5;

    /// <summary>A breaker open (through its half-open retries) longer than this places a hold.</summary>
    public int BreakerOpenSeconds { get; set; } = 120;

    /// <summary>A dead-letter rate above this share of the documents finalized in the window places a hold.</summary>
    public double DeadLetterRatePercent { get; set; } = 5;

    /// <summary>The window of the dead-letter rate.</summary>
    public int DeadLetterWindowSeconds { get; set; } = 300;

    /// <summary>The rate counts only once this many documents were finalized in the window, so one early fault cannot hold the fleet.</summary>
    public int DeadLetterMinDocuments { get; set; } = 20;

    /// <summary>A work queue holding more than this many minutes of work at its current rate is backlogged.</summary>
    public double BacklogRatio { get; set; } = 1.5;

    /// <summary>How long a queue must stay backlogged before it places a hold.</summary>
    public int BacklogWindowSeconds { get; set; } = 60;

    /// <summary>A queue with fewer waiting messages than this is never backlogged (a short burst is not starvation).</summary>
    public int BacklogMinMessages { get; set; } = 100;
}
