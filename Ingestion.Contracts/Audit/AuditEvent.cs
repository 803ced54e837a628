namespace Ingestion.Contracts;

/// <summary>
/// Something happened that the audit trail must hold: a document's state transition, a parse attempt.
/// The audit consumer appends it to the hash-chained ledger exactly once per <see cref="EventId"/>.
/// </summary>
public record AuditEvent
{
    /// <summary>Deterministic id of the event; a redelivered or republished event carries the same id.</summary>
    public required Guid EventId { get; init; }

    /// <summary>When it happened (UTC).</summary>
    public required DateTime OccurredAt { get; init; }

    /// <summary>Who did it.</summary>
    public required AuditActor Actor { get; init; }

    /// <summary>One of <c>INGEST</c>, <c>VALIDATE</c>, <c>PARSE</c>, <c>REJECT</c>, <c>ARCHIVE</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The packet.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The submitting site.</summary>
    public required string SiteId { get; init; }

    /// <summary>The SHA-256 the site declared for the document.</summary>
    public required string DocumentSha256 { get; init; }

    /// <summary>The state before, or null for the first entry.</summary>
    public string? FromState { get; init; }

    /// <summary>The state after.</summary>
    public required string ToState { get; init; }

    /// <summary>What came of it, for example <c>PASSED</c>, <c>RETRY</c>, <c>REJECTED</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The error code, when there was one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>A readable reason, when there was one.</summary>
    public string? Reason { get; init; }

    /// <summary>The template version the document declares, once known.</summary>
    public string? SchemaVersion { get; init; }

    /// <summary>The attempt number of the step (1 for the first).</summary>
    public required int Attempt { get; init; }

    /// <summary>The W3C trace id of the work that produced the event, when tracing is on; links the audit trail to the traces.</summary>
    public string? TraceId { get; init; }
}
