namespace Ingestion.Lab.Report;

/// <summary>
/// One benchmarked document: when its packet was sent, when it became final, and when each state was entered and
/// chained on the ledger (the first entry into each state; a retry re-enters none of the states timed here).
/// </summary>
internal sealed record DocumentTimeline(
    Guid CorrelationId,
    string FinalState,
    DateTime SubmittedAt,
    DateTime? FinalizedAt,
    IReadOnlyDictionary<string, DateTime> Entered,
    IReadOnlyDictionary<string, DateTime> Chained);
