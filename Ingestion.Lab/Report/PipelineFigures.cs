namespace Ingestion.Lab.Report;

/// <summary>The whole-pipeline figures of one benchmark run.</summary>
/// <param name="Documents">Benchmarked documents.</param>
/// <param name="ByFinalState">How many ended in each saga state.</param>
/// <param name="WindowSeconds">From the first packet's submission to the last document's final state.</param>
/// <param name="Latency">Submission to final state, per document.</param>
/// <param name="AuditedLatency">Submission to the final transition being chained on the ledger, per document.</param>
/// <param name="Segments">The legs of the path, in order.</param>
/// <param name="Counts">What the script counted at the broker and the database.</param>
public sealed record PipelineFigures(
    int Documents,
    IReadOnlyDictionary<string, int> ByFinalState,
    double WindowSeconds,
    Distribution Latency,
    Distribution AuditedLatency,
    IReadOnlyList<StageSegment> Segments,
    PipelineCounts Counts)
{
    /// <summary>Documents brought to a final state per second.</summary>
    public double DocumentsPerSecond => Documents / WindowSeconds;

    /// <summary>Messages published per document.</summary>
    public double MessagesPerDocument => (double)Counts.MessagesPublished / Counts.DocumentsCounted;

    /// <summary>Messages delivered to consumers per document (a published event can go to several queues).</summary>
    public double DeliveriesPerDocument => (double)Counts.MessagesDelivered / Counts.DocumentsCounted;

    /// <summary>Committed database transactions per document, background work of the fleet included.</summary>
    public double TransactionsPerDocument => (double)Counts.TransactionsCommitted / Documents;

    /// <summary>
    /// Documents/s ÷ the durable floor's messages/s: how close the pipeline comes to the least any durable consumer of
    /// the same PDF must do (one delivery, one PDF opened, one commit). Unlike a share of the broker's limit, it rises
    /// when the pipeline does less per document.
    /// </summary>
    public double? Efficiency => Counts.FloorMessagesPerSecond is { } floor ? DocumentsPerSecond / floor : null;
}
