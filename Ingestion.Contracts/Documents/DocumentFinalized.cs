namespace Ingestion.Contracts;

/// <summary>A document reached a final state (<c>ARCHIVED</c> or <c>REJECTED</c>).</summary>
public record DocumentFinalized
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The packet.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The submitting site.</summary>
    public required string SiteId { get; init; }

    /// <summary>The document's id within its packet.</summary>
    public required string DocumentId { get; init; }

    /// <summary>The final state.</summary>
    public required string FinalState { get; init; }

    /// <summary>The error code of a rejection; null when archived.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>When the document became final (UTC).</summary>
    public required DateTime FinalizedAt { get; init; }
}
