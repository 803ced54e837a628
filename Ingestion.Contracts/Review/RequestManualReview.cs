namespace Ingestion.Contracts;

/// <summary>
/// Put a document in front of a reviewer: the extraction chain could not find every required field with enough
/// confidence. The stored original is untouched; the reviewer works from it.
/// </summary>
public record RequestManualReview
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The packet.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The submitting site.</summary>
    public required string SiteId { get; init; }

    /// <summary>The document as submitted.</summary>
    public required SubmittedDocument Document { get; init; }

    /// <summary>The validated template.</summary>
    public required string TemplateId { get; init; }

    /// <summary>The validated template version.</summary>
    public required string SchemaVersion { get; init; }

    /// <summary>What the chain did extract.</summary>
    public required IReadOnlyList<ExtractedField> Fields { get; init; }

    /// <summary>Required fields not found.</summary>
    public required IReadOnlyList<string> MissingFields { get; init; }

    /// <summary>Fields found below the review threshold.</summary>
    public required IReadOnlyList<string> LowConfidenceFields { get; init; }

    /// <summary>When the document entered review (UTC).</summary>
    public required DateTime RequestedAt { get; init; }
}
