using Ingestion.Audit.Staging;
using Ingestion.Contracts;
using Ingestion.Persistence.Outbox;

namespace Ingestion.Site.Registry;

/// <summary>
/// The audit entries of a site's credential and of refused submissions. Each is staged in the transaction of the change
/// it records, so the change and its entry are kept together or not at all.
/// </summary>
public sealed class SiteAudit(AuditEntryFactory entries, AuditStaging staging)
{
    /// <summary>Stages the entry of <paramref name="fact"/>, done by <paramref name="actor"/>, in <paramref name="transaction"/>.</summary>
    public async Task RecordAsync(
        IDatabaseTransactionContext transaction, SiteAuditFact fact, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(fact);
        var entry = entries.ForFleet(
            fact.Action, fact.FromState, fact.ToState, fact.Outcome, fact.Reason, actor, fact.SubjectId, errorCode: fact.ErrorCode)
            with { SiteId = fact.SiteId, PacketId = fact.PacketId ?? Guid.Empty };
        await staging.StageAsync(transaction, [entry], cancellationToken);
    }
}
