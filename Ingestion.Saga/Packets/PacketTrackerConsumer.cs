using Ingestion.Contracts;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Ingestion.Saga.Packets;

/// <summary>
/// Counts a packet's final documents and announces the packet once all are final. What is counted is what each
/// document's saga committed, never what a <see cref="DocumentFinalized"/> claims: the message only says where to look.
/// A document is recorded once (its row in <c>packet_documents</c>), and only a newly recorded one raises the packet's
/// <c>final_count</c>; that one-row increment, the transaction's last statement, is what orders two workers finishing
/// a packet's last two documents, so exactly one of them sees the count reach the total. Nothing is recounted per
/// document. A redelivered last document announces the packet again; <see cref="PacketCompleted"/> is at-least-once.
/// </summary>
internal sealed class PacketTrackerConsumer(IngestionDatabase database, ILogger<PacketTrackerConsumer> logger) : IConsumer<DocumentFinalized>
{
    public async Task Consume(ConsumeContext<DocumentFinalized> context)
    {
        var claim = context.Message;
        var cancellationToken = context.CancellationToken;
        await using var work = await ConsumerTransaction.BeginAsync(database, context);
        var (connection, transaction) = (work.Connection, work.Transaction);

        if (await PacketDocumentRecords.FinalAsync(claim, connection, transaction, cancellationToken) is not { } recorded)
        {
            // Forged by someone holding a bus credential, or naming another packet: counted for nothing.
            await work.CommitAsync(cancellationToken);
            logger.LogWarning(
                "Refused DocumentFinalized {MessageId} from {SourceAddress} on {SenderHost}: document {CorrelationId} of packet {PacketId} is not final in the database; claimed {ClaimedState} {ClaimedErrorCode}",
                context.MessageId, context.SourceAddress, context.Host?.MachineName, claim.CorrelationId, claim.PacketId,
                claim.FinalState, claim.ErrorCode);
            return;
        }

        var progress = await PacketDocumentRecords.RecordAsync(claim.PacketId, claim.CorrelationId, recorded, connection, transaction, cancellationToken);
        if (progress.FinalCount < progress.DocumentCount || progress.CompletedAt is not { } completedAt)
        {
            await work.CommitAsync(cancellationToken);
            return;
        }

        // Complete: counted by state and error code once, for the announcement.
        var (byState, byError) = await PacketDocumentRecords.TallyAsync(claim.PacketId, connection, transaction, cancellationToken);
        await work.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Packet {PacketId} of site {SiteId} completed: {DocumentCount} documents, {CountsByState}, {CountsByErrorCode}",
            claim.PacketId, recorded.SiteId, progress.DocumentCount, byState, byError);
        await context.Publish(new PacketCompleted
        {
            PacketId = claim.PacketId,
            SiteId = recorded.SiteId,
            DocumentCount = progress.DocumentCount,
            CountsByState = byState,
            CountsByErrorCode = byError,
            CompletedAt = completedAt,
        });
    }
}
