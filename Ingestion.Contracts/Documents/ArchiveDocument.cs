namespace Ingestion.Contracts;

/// <summary>Seal the stored content and record the document in the archive index.</summary>
public record ArchiveDocument
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The packet.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The submitting site.</summary>
    public required string SiteId { get; init; }

    /// <summary>The study.</summary>
    public required string StudyId { get; init; }

    /// <summary>The document as submitted.</summary>
    public required SubmittedDocument Document { get; init; }

    /// <summary>The validated template.</summary>
    public required string TemplateId { get; init; }

    /// <summary>The validated template version.</summary>
    public required string SchemaVersion { get; init; }

    /// <summary>The extracted fields.</summary>
    public required IReadOnlyList<ExtractedField> Fields { get; init; }
}
