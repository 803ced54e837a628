namespace Ingestion.Contracts;

/// <summary>
/// Asks a document's saga to send again what its state waits on: the stage command of a document in flight, the review
/// request of one in manual review, the completion of a final one. The recovery sweep sends it for a document that has
/// not moved for a long time; the saga, not the sweep, knows what each state waits on. A needless resume only repeats
/// work that every receiver recognises.
/// </summary>
public record ResumeDocument
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>When the resume was asked for (UTC).</summary>
    public required DateTime RequestedAt { get; init; }
}
