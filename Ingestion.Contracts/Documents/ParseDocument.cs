namespace Ingestion.Contracts;

/// <summary>Extract the fields the document's template version requires.</summary>
public record ParseDocument
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The packet the document belongs to.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The submitting site.</summary>
    public required string SiteId { get; init; }

    /// <summary>The document's SHA-256.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Where the bytes are.</summary>
    public required string ContentReference { get; init; }

    /// <summary>The validated template.</summary>
    public required string TemplateId { get; init; }

    /// <summary>The validated template version.</summary>
    public required string SchemaVersion { get; init; }
}
