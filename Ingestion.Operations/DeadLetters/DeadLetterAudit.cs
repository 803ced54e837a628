using Ingestion.Audit.Staging;
using Ingestion.Contracts;

namespace Ingestion.Operations.DeadLetters;

/// <summary>Puts an operator's dead-letter action on the audit trail: who, what, when, why and how many.</summary>
public sealed class DeadLetterAudit(AuditEntryFactory entries, AuditStaging staging)
{
    /// <summary>
    /// Records action <paramref name="actionId"/> (drawn ahead with <see cref="AuditEntryFactory.NewEventId"/>, since a
    /// purge names it on every purged message) in a transaction of its own. The action is its own subject: it concerns no
    /// packet, site or document.
    /// </summary>
    public Task RecordAsync(
        Guid actionId, string action, string operatorName, string errorQueue, string toState, DeadLetterActionResult result, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var entry = entries.ForFleet(
            action, errorQueue, toState, $"{result.Done} messages", reason, entries.Operator(operatorName), eventId: actionId,
            errorCode: result.Interrupted ? ErrorCodes.Interrupted : null);
        return staging.StageAsync([entry], cancellationToken);
    }
}
