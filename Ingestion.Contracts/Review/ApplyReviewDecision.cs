namespace Ingestion.Contracts;

/// <summary>
/// A reviewer's signed decision on a document in manual review is recorded; the saga applies it. The message names the
/// decision only: the saga reads the decision, its electronic signature and the record version it signed from the
/// database, and refuses one that does not exist, was already used, or signed another version of the document.
/// It replaces <c>RecordReviewDecision</c>, which carried the reviewer's name and the verdict and was trusted as sent.
/// </summary>
public record ApplyReviewDecision
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The recorded decision (<c>review_decisions.decision_id</c>).</summary>
    public required Guid DecisionId { get; init; }
}
