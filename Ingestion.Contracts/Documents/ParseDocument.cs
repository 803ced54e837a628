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

    /// <summary>The TMF artifact type the site declared, for a free-form document's profile; null in messages from before profiles.</summary>
    public string? ArtifactType { get; init; }

    /// <summary>When the document was received (the packet's submission, UTC): what an expiry is compared with, so that a replay finds the same.</summary>
    public DateTime? ReceivedAt { get; init; }
}
