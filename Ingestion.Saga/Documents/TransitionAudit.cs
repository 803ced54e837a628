using Ingestion.Audit.Staging;
using Ingestion.Contracts;
using Ingestion.Messaging.Telemetry;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Ingestion.Saga.Documents;

/// <summary>
/// Turns each state transition into an audit entry (built by <see cref="AuditEntryFactory"/>, written through
/// <see cref="ITransitionAuditWriter"/> with the step that makes it) and a log line.
/// </summary>
public sealed class TransitionAudit(
    AuditEntryFactory entries, ITransitionAuditWriter writer, IngestionMetrics metrics, ILogger<TransitionAudit> logger)
{
    /// <summary>
    /// Records a transition of <paramref name="context"/>'s document. An <paramref name="actor"/> is who acted instead of this
    /// worker (the reviewer of a checked, signed decision), at <paramref name="occurredAt"/>; <paramref name="reason"/> and
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
        var fromState = from is null ? null : Display(from);
        var toState = Display(to);
        var entry = entries.ForDocument(
            new AuditedDocument(saga.CorrelationId, saga.PacketId, saga.SiteId, saga.Document?.Sha256 ?? string.Empty, saga.SchemaVersion),
            action, fromState, toState, outcome, attempt, errorCode ?? saga.ErrorCode, reason ?? saga.Reason, actor, occurredAt);
        await writer.WriteAsync(context, entry);
        logger.LogInformation(
            "Document {CorrelationId} of site {SiteId} went {FromState} -> {ToState} ({Outcome} {ErrorCode}); sha256 {DocumentSha256}, schema {SchemaVersion}, attempt {Attempt}, {LatencyMs} ms since submission",
            saga.CorrelationId, saga.SiteId, fromState ?? "-", toState, outcome, saga.ErrorCode, entry.DocumentSha256,
            saga.SchemaVersion, attempt, (entry.OccurredAt - saga.SubmittedAt).TotalMilliseconds);
    }

    /// <summary>Records a transition into a final state (whose name is the outcome) and counts the document as final.</summary>
    public async Task RecordFinal<T>(
        BehaviorContext<DocumentIngestionState, T> context, string action, State from, State to, AuditActor? actor = null, DateTime? occurredAt = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(to);
        var saga = context.Saga;
        saga.FinalizedAt = DateTime.UtcNow;
        var finalState = Display(to);
        await Record(context, action, from, to, finalState, actor: actor, occurredAt: occurredAt);
        metrics.DocumentFinal(finalState, saga.ErrorCode, saga.SiteId);
    }

    // Every state the machine declares is in the vocabulary; a state that is not would be a persisted name nobody defined.
    private static string Display(State state) =>
        DocumentState.Named(state.Name)?.Display
        ?? throw new InvalidOperationException($"State {state.Name} is not one of the document states ({nameof(DocumentState)}).");
}
