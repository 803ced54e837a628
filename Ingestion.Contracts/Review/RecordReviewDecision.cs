namespace Ingestion.Contracts;

/// <summary>A reviewer's decision on a document in manual review; it finishes the document as archived or rejected.</summary>
public record RecordReviewDecision
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary><c>true</c> to archive the document as it is, <c>false</c> to reject it.</summary>
    public required bool Approved { get; init; }

    /// <summary>Who decided (the reviewer's name or account).</summary>
    public required string Reviewer { get; init; }

    /// <summary>Why, in the reviewer's words.</summary>
    public required string Reason { get; init; }

    /// <summary>When the reviewer decided (UTC).</summary>
    public required DateTime DecidedAt { get; init; }

    /// <summary>Where the decision was made (host and process of the review command).</summary>
    public required AuditActor DecidedOn { get; init; }
}
