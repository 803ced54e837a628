namespace Ingestion.Audit.Export;

/// <summary>One document's audit entries in chain order and where they left it.</summary>
public sealed record DocumentTimeline
{
    /// <summary>The document's correlation id.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The site.</summary>
    public required string SiteId { get; init; }

    /// <summary>The packet.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The document's SHA-256.</summary>
    public required string DocumentSha256 { get; init; }

    /// <summary>The state the last entry left it in.</summary>
    public required string FinalState { get; init; }

    /// <summary>The last entry's outcome.</summary>
    public required string FinalOutcome { get; init; }

    /// <summary>The last entry's error code, if any.</summary>
    public string? FinalErrorCode { get; init; }

    /// <summary>The entries in seq order.</summary>
    public required IReadOnlyList<TimelineEntry> Entries { get; init; }
}
