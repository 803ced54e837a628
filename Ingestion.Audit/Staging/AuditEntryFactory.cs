using Ingestion.Audit.Ledger;
using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Telemetry;

namespace Ingestion.Audit.Staging;

/// <summary>
/// Builds every audit entry the fleet writes, so that there is one event-id scheme and one rule for the actor. The event
/// id is a fresh UUIDv7 drawn when the fact is recorded: nobody outside can predict it, and exactly-once comes from staging
/// the entry in the transaction that makes the fact true, not from the id. The actor is this process's worker identity,
/// or the operator or reviewer it acted for, on this process's host and process id; nothing of it comes from a message.
/// </summary>
public sealed class AuditEntryFactory(WorkerIdentity worker)
{
    /// <summary>The fleet's one event-id scheme; drawn ahead only by an action that must name its entry before it is recorded.</summary>
    public static Guid NewEventId() => Guid.CreateVersion7();

    /// <summary>This worker.</summary>
    public AuditActor Worker => worker.Actor;

    /// <summary>An operator acting through this process (<c>operator:NAME</c>).</summary>
    public AuditActor Operator(string name) => worker.Actor with { WorkerId = $"operator:{name}" };

    /// <summary>A reviewer whose decision this process applied (<c>reviewer:NAME</c>).</summary>
    public AuditActor Reviewer(string name) => worker.Actor with { WorkerId = $"reviewer:{name}" };

    /// <summary>
    /// A person acting through this process under their account (<c>role:user</c>, as <c>operator:NAME</c> or
    /// <c>reviewer:NAME</c>), or the name of a run that acted by itself.
    /// </summary>
    public AuditActor Person(string actor) => worker.Actor with { WorkerId = actor };

    /// <summary>A step of a document: a state transition, or an attempt within a state (from and to the same state).</summary>
    public AuditEntry ForDocument(
        AuditedDocument document, string action, string? fromState, string toState, string outcome, int attempt = 1,
        string? errorCode = null, string? reason = null, AuditActor? actor = null, DateTime? occurredAt = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new AuditEntry
        {
            EventId = NewEventId(),
            OccurredAt = occurredAt ?? DateTime.UtcNow,
            Actor = actor ?? Worker,
            Action = action,
            CorrelationId = document.CorrelationId,
            PacketId = document.PacketId,
            SiteId = document.SiteId,
            DocumentSha256 = document.DocumentSha256,
            FromState = fromState,
            ToState = toState,
            Outcome = outcome,
            ErrorCode = errorCode,
            Reason = reason,
            SchemaVersion = document.SchemaVersion,
            Attempt = attempt,
            TraceId = IngestionActivities.CurrentTraceId(),
        };
    }

    /// <summary>
    /// A change that belongs to no packet: a breaker, a hold, an operator's action. Its subject is <paramref name="subjectId"/>
    /// (a hold), or the entry itself when none is given; <paramref name="eventId"/> is an id drawn ahead with
    /// <see cref="NewEventId"/>.
    /// </summary>
    public AuditEntry ForFleet(
        string action, string fromState, string toState, string outcome, string? reason, AuditActor? actor = null,
        Guid? subjectId = null, Guid? eventId = null, string? errorCode = null, DateTime? occurredAt = null)
    {
        var id = eventId ?? NewEventId();
        return new AuditEntry
        {
            EventId = id,
            OccurredAt = occurredAt ?? DateTime.UtcNow,
            Actor = actor ?? Worker,
            Action = action,
            CorrelationId = subjectId ?? id,
            PacketId = Guid.Empty,
            SiteId = "-",
            DocumentSha256 = string.Empty,
            FromState = fromState,
            ToState = toState,
            Outcome = outcome,
            ErrorCode = errorCode,
            Reason = reason,
            Attempt = 1,
        };
    }
}
