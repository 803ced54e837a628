namespace Ingestion.Contracts;

/// <summary>Every document of a packet reached a final state.</summary>
public record PacketCompleted
{
    /// <summary>The packet.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The submitting site.</summary>
    public required string SiteId { get; init; }

    /// <summary>How many documents the packet held.</summary>
    public required int DocumentCount { get; init; }

    /// <summary>Documents per final state, for example <c>ARCHIVED</c> → 7.</summary>
    public required IReadOnlyDictionary<string, int> CountsByState { get; init; }

    /// <summary>Rejected documents per error code, for example <c>SCHEMA_DEPRECATED</c> → 1.</summary>
    public required IReadOnlyDictionary<string, int> CountsByErrorCode { get; init; }

    /// <summary>When the last document became final (UTC).</summary>
    public required DateTime CompletedAt { get; init; }
}
