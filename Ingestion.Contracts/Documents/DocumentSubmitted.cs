namespace Ingestion.Contracts;

/// <summary>One document of a packet entered ingestion; starts its <c>DocumentIngestion</c> saga.</summary>
public record DocumentSubmitted
{
    /// <summary>Name-based UUID (v5) of packet id and document id.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The packet the document belongs to.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The submitting site.</summary>
    public required string SiteId { get; init; }

    /// <summary>The study.</summary>
    public required string StudyId { get; init; }

    /// <summary>When the packet was submitted (UTC).</summary>
    public required DateTime SubmittedAt { get; init; }

    /// <summary>The document as the site described it.</summary>
    public required SubmittedDocument Document { get; init; }
}
