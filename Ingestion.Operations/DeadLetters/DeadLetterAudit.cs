using Ingestion.Identity.Trail;
using Ingestion.Persistence.Outbox;

namespace Ingestion.Operations.DeadLetters;

/// <summary>Puts an operator's signed dead-letter action on the audit trail: who, what, when, why, how many, and the signature.</summary>
public sealed class DeadLetterAudit(BusOutbox outbox, AuditTrail trail)
{
    /// <summary>Action of a replay.</summary>
    public const string Replay = "DLQ_REPLAY";

    /// <summary>Action of a purge.</summary>
    public const string Purge = "DLQ_PURGE";

    /// <summary>
    /// Records action <paramref name="actionId"/> (the subject its signature was made on) in a transaction of its own, also
    /// when it was interrupted part-way. It concerns no packet, site or document.
    /// </summary>
    public Task RecordAsync(
        Guid actionId, string action, string actor, string errorQueue, string toState, DeadLetterActionResult result, string reason, Guid signatureId,
        CancellationToken cancellationToken) =>
        WriteAsync(actionId, action, actor, errorQueue, toState, result, $"{reason} (signature {signatureId})", cancellationToken);

    /// <summary>
    /// Records an action a validation run took by itself on its own throw-away deployment (the runbook's replay after a
    /// drill): no person decided it, and the entry says so.
    /// </summary>
    public Task RecordUnsignedRunAsync(
        Guid actionId, string action, string run, string errorQueue, string toState, DeadLetterActionResult result, string reason,
        CancellationToken cancellationToken) =>
        WriteAsync(actionId, action, run, errorQueue, toState, result, $"{reason} (unsigned: a validation run on its own isolated deployment)", cancellationToken);

    private async Task WriteAsync(
        Guid actionId, string action, string actor, string errorQueue, string toState, DeadLetterActionResult result, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var transaction = await outbox.BeginAsync(cancellationToken);
        await AuditTrail.WriteAsync(transaction, [AuditTrail.Entry(
            AuditSubject.Of(actionId), action, errorQueue, toState, $"{result.Done} messages", reason, trail.Person(actor), DateTime.UtcNow,
            result.Interrupted ? "INTERRUPTED" : null)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
