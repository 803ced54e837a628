using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Telemetry;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Ingestion.Saga.Documents;

/// <summary>
/// Turns each state transition into an <see cref="AuditEvent"/> and a log line. The event id is derived
/// from the document and the transition, so a transition replayed after a crash is chained only once.
/// </summary>
public sealed class TransitionAudit(WorkerIdentity worker, IngestionMetrics metrics, ILogger<TransitionAudit> logger)
{
    /// <summary>
    /// Records a transition of <paramref name="context"/>'s document; <paramref name="reason"/> and
    /// <paramref name="errorCode"/>, when given, say why instead of the document's own reason and error code.
    /// </summary>
    public async Task Record<T>(
        BehaviorContext<DocumentIngestionState, T> context, string action, State? from, State to, string outcome, int attempt = 1,
        AuditActor? actor = null, DateTime? occurredAt = null, string? reason = null, string? errorCode = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(to);
        var saga = context.Saga;
        var fromState = from is null ? null : DocumentStates.Display(from.Name);
        var toState = DocumentStates.Display(to.Name);
        var auditEvent = new AuditEvent
        {
            EventId = NameBasedGuid.Create(saga.CorrelationId, $"{fromState}->{toState}#{attempt}"),
            OccurredAt = occurredAt ?? DateTime.UtcNow,
            Actor = actor ?? worker.Actor,
            Action = action,
            CorrelationId = saga.CorrelationId,
            PacketId = saga.PacketId,
            SiteId = saga.SiteId,
            DocumentSha256 = saga.Document?.Sha256 ?? string.Empty,
            FromState = fromState,
            ToState = toState,
            Outcome = outcome,
            ErrorCode = errorCode ?? saga.ErrorCode,
            Reason = reason ?? saga.Reason,
            SchemaVersion = saga.SchemaVersion,
            Attempt = attempt,
            TraceId = IngestionActivities.CurrentTraceId(),
        };
        if (saga.LastAuditMessageId != context.MessageId)
        {
            saga.LastAuditMessageId = context.MessageId;
            saga.LastAuditEvents = [];
        }

        saga.LastAuditEvents.Add(auditEvent);
        await context.Send(auditEvent);
        logger.LogInformation(
            "Document {CorrelationId} of site {SiteId} went {FromState} -> {ToState} ({Outcome} {ErrorCode}); sha256 {DocumentSha256}, schema {SchemaVersion}, attempt {Attempt}, {LatencyMs} ms since submission",
            saga.CorrelationId, saga.SiteId, fromState ?? "-", toState, outcome, saga.ErrorCode, auditEvent.DocumentSha256,
            saga.SchemaVersion, attempt, (auditEvent.OccurredAt - saga.SubmittedAt).TotalMilliseconds);
    }

    /// <summary>Records a transition into a final state and announces the document as final.</summary>
    public async Task RecordFinal<T>(
        BehaviorContext<DocumentIngestionState, T> context, string action, State from, State to, int attempt = 1,
        AuditActor? actor = null, DateTime? occurredAt = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(to);
        var saga = context.Saga;
        saga.FinalizedAt = DateTime.UtcNow;
        var finalState = DocumentStates.Display(to.Name);
        await Record(context, action, from, to, finalState, attempt, actor, occurredAt);
        metrics.DocumentFinal(finalState, saga.ErrorCode, saga.SiteId);
        await context.Send(new DocumentFinalized
        {
            CorrelationId = saga.CorrelationId,
            PacketId = saga.PacketId,
            SiteId = saga.SiteId,
            DocumentId = saga.Document?.DocumentId ?? string.Empty,
            FinalState = finalState,
            ErrorCode = saga.ErrorCode,
            FinalizedAt = saga.FinalizedAt.Value,
        });
    }
}
