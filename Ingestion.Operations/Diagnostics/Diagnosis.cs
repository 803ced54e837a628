using Ingestion.Messaging.Broker;

namespace Ingestion.Operations.Diagnostics;

/// <summary>What <c>ingest diagnose</c> found, checkpoint by checkpoint.</summary>
public sealed record Diagnosis
{
    /// <summary>Each work queue's load, or null when the management API could not be read.</summary>
    public IReadOnlyList<QueueLoad>? Queues { get; init; }

    /// <summary>Queues whose depth to throughput ratio breaches the threshold.</summary>
    public required IReadOnlyList<string> BackloggedQueues { get; init; }

    /// <summary>Documents finalized in the window.</summary>
    public required int Finalized { get; init; }

    /// <summary>Of them, rejected.</summary>
    public required int Rejected { get; init; }

    /// <summary>Rejections by error code and site, most first.</summary>
    public required IReadOnlyList<RejectionGroup> Rejections { get; init; }

    /// <summary>Final documents whose audit trail holds both their receipt and their final transition.</summary>
    public required int Covered { get; init; }

    /// <summary>Final documents in all.</summary>
    public required int FinalDocuments { get; init; }

    /// <summary>Documents not final that have not moved for longer than the threshold.</summary>
    public required IReadOnlyList<StuckDocument> Stuck { get; init; }

    /// <summary>The rejected share, in percent.</summary>
    public double RejectionRatePercent => Finalized == 0 ? 0 : 100.0 * Rejected / Finalized;

    /// <summary>The covered share of final documents, in percent (100 when there are none).</summary>
    public double CoveragePercent => FinalDocuments == 0 ? 100 : 100.0 * Covered / FinalDocuments;

    /// <summary>Whether any checkpoint is breached.</summary>
    public bool Breached(DiagnosisThresholds thresholds) =>
        BackloggedQueues.Count > 0 || RejectionRatePercent > thresholds.RejectionRatePercent || Covered < FinalDocuments || Stuck.Count > 0;
}
