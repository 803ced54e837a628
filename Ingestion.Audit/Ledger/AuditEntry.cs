using Ingestion.Contracts;

namespace Ingestion.Audit.Ledger;

/// <summary>
/// What the audit trail holds about one fact: a document's state transition or attempt, an operator's action, a breaker's
/// or a hold's change. Built only by <see cref="Staging.AuditEntryFactory"/>, staged in the transaction that made the fact
/// true, and chained by the ledger appender; never taken from a message.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>The entry's id, drawn by the fleet when the fact is recorded (<see cref="Staging.AuditEntryFactory.NewEventId"/>).</summary>
    public required Guid EventId { get; init; }

    /// <summary>When it happened (UTC).</summary>
    public required DateTime OccurredAt { get; init; }

    /// <summary>Who did it: this process's worker identity, or the operator or reviewer it acted for.</summary>
    public required AuditActor Actor { get; init; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>The subject: the document's saga, or the hold, breaker change or operator action itself.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The packet; the empty GUID for operator and fleet entries.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The submitting site; <c>-</c> for operator and fleet entries.</summary>
    public required string SiteId { get; init; }

    /// <summary>The SHA-256 the site declared for the document; empty for operator and fleet entries.</summary>
    public required string DocumentSha256 { get; init; }

    /// <summary>The state before, or null for a document's first entry.</summary>
    public string? FromState { get; init; }

    /// <summary>The state after.</summary>
    public required string ToState { get; init; }

    /// <summary>What came of it: one of <see cref="AuditOutcomes"/>, a state reached, or a count.</summary>
    public required string Outcome { get; init; }

    /// <summary>The error code (<see cref="ErrorCodes"/>), when there was one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>A readable reason, when there was one.</summary>
    public string? Reason { get; init; }

    /// <summary>The template version the document declares, once known.</summary>
    public string? SchemaVersion { get; init; }

    /// <summary>The attempt number of the step (1 for the first).</summary>
    public required int Attempt { get; init; }

    /// <summary>The W3C trace id of the work that produced the entry, when tracing is on.</summary>
    public string? TraceId { get; init; }
}
