using Ingestion.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Ingestion.Audit.Ledger;

/// <summary>Appends audit events to the ledger in batches, in the order the broker delivered them.</summary>
internal sealed class AuditConsumer(AuditLedger ledger, ILogger<AuditConsumer> logger) : IConsumer<Batch<AuditEvent>>
{
    public async Task Consume(ConsumeContext<Batch<AuditEvent>> context)
    {
        var events = context.Message.Select(m => m.Message).ToList();
        var appended = await ledger.AppendAsync(events, context.CancellationToken);
        logger.LogDebug("Appended {Appended} of {Received} audit events", appended, events.Count);
    }
}
