namespace Ingestion.Contracts;

/// <summary>The document is sealed in the content store and recorded in the archive index.</summary>
public record DocumentArchived
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The packet.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The document's SHA-256.</summary>
    public required string Sha256 { get; init; }

    /// <summary>When it was archived (UTC).</summary>
    public required DateTime ArchivedAt { get; init; }
}
