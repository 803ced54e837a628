namespace Ingestion.Contracts;

/// <summary>Check a stored document's integrity and its template version against the template registry.</summary>
public record ValidateDocument
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The packet the document belongs to.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The submitting site.</summary>
    public required string SiteId { get; init; }

    /// <summary>The SHA-256 the site declared.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Where the bytes are.</summary>
    public required string ContentReference { get; init; }
}
