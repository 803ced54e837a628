using Ingestion.Audit.Staging;
using Ingestion.Contracts;

namespace Ingestion.Operations.DeadLetters;

/// <summary>Puts an operator's signed dead-letter action on the audit trail: who, what, when, why, how many, and the signature.</summary>
public sealed class DeadLetterAudit(AuditEntryFactory entries, AuditStaging staging)
{
    /// <summary>
    /// Records action <paramref name="actionId"/> (the subject its signature was made on) in a transaction of its own, also
    /// when it was interrupted part-way. It concerns no packet, site or document.
    /// </summary>
    public Task RecordAsync(
        Guid actionId, string action, string actor, string errorQueue, string toState, DeadLetterActionResult result, string reason, Guid signatureId,
        CancellationToken cancellationToken) =>
        StageAsync(actionId, action, actor, errorQueue, toState, result, $"{reason} (signature {signatureId})", cancellationToken);

    /// <summary>
    /// Records an action a validation run took by itself on its own throw-away deployment (the runbook's replay after a
    /// drill): no person decided it, and the entry says so.
    /// </summary>
    public Task RecordUnsignedRunAsync(
        Guid actionId, string action, string run, string errorQueue, string toState, DeadLetterActionResult result, string reason,
        CancellationToken cancellationToken) =>
        StageAsync(actionId, action, run, errorQueue, toState, result, $"{reason} (unsigned: a validation run on its own isolated deployment)", cancellationToken);

    private Task StageAsync(
        Guid actionId, string action, string actor, string errorQueue, string toState, DeadLetterActionResult result, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var entry = entries.ForFleet(
            action, errorQueue, toState, $"{result.Done} messages", reason, entries.Person(actor), subjectId: actionId,
            errorCode: result.Interrupted ? ErrorCodes.Interrupted : null);
        return staging.StageAsync([entry], cancellationToken);
    }
}
