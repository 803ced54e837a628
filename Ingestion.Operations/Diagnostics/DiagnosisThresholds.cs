namespace Ingestion.Operations.Diagnostics;

/// <summary>The validation protocol's thresholds that <c>ingest diagnose</c> checks.</summary>
public sealed record DiagnosisThresholds
{
    /// <summary>Queue depth to throughput ratio (minutes of work waiting) above which a queue is starved or contended.</summary>
    public double BacklogRatio { get; init; } = 1.5;

    /// <summary>Queues with fewer waiting messages are not judged.</summary>
    public int BacklogMinMessages { get; init; } = 100;

    /// <summary>Rejected share of the documents finalized in the window above which submissions drift or are malformed.</summary>
    public double RejectionRatePercent { get; init; } = 5;

    /// <summary>The window over which rates are computed.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A document not final that has not moved for this long is stuck (manual review excepted).</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromMinutes(10);
}
