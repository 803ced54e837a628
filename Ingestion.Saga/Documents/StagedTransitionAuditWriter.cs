using Ingestion.Audit.Ledger;
using Ingestion.Audit.Staging;
using Ingestion.Persistence.Outbox;
using MassTransit;

namespace Ingestion.Saga.Documents;

/// <summary>
/// Stages a transition's entry in the transaction the saga repository works in: the durable outbox's, which commits the
/// new state, the entry, the inbox record and the messages the transition sends together.
/// </summary>
internal sealed class StagedTransitionAuditWriter(AuditStaging staging) : ITransitionAuditWriter
{
    public Task WriteAsync(ConsumeContext context, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TryGetPayload(out IDatabaseTransactionContext? transaction)
            ? staging.StageAsync(transaction, [entry], context.CancellationToken)
            : throw new InvalidOperationException(
                "A saga transition ran outside a database transaction: the saga's endpoint needs the durable outbox, so that the state and its audit entry commit together.");
    }
}
