using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Ingestion.Saga.Intake;

/// <summary>
/// Records a submitted packet and starts one saga per document. Publishing a packet twice records it once
/// and re-announces its documents, whose sagas ignore the repeat. Under a compliance hold the packet is recorded and
/// kept, and nothing of it is processed until the hold is released.
/// </summary>
internal sealed class PacketIntakeConsumer(IngestionDatabase database, IIntakeGate gate, ILogger<PacketIntakeConsumer> logger)
    : IConsumer<PacketSubmitted>
{
    public async Task Consume(ConsumeContext<PacketSubmitted> context)
    {
        var packet = context.Message;
        PacketRules.ThrowIfInvalid(packet);

        await using var work = await ConsumerTransaction.BeginAsync(database, context);
        {
            await using var command = work.Command("""
                INSERT INTO packets (packet_id, site_id, study_id, submitted_at, submitted_by, document_count)
                VALUES (@packet, @site, @study, @submitted, @by, @count)
                ON CONFLICT (packet_id) DO NOTHING
                """);
            command.Parameters.AddWithValue("packet", packet.PacketId);
            command.Parameters.AddWithValue("site", packet.SiteId);
            command.Parameters.AddWithValue("study", packet.StudyId);
            command.Parameters.AddWithValue("submitted", packet.SubmittedAt);
            command.Parameters.AddWithValue("by", packet.SubmittedBy);
            command.Parameters.AddWithValue("count", packet.Documents.Count);
            var recorded = await command.ExecuteNonQueryAsync(context.CancellationToken) == 1;
            logger.LogInformation(
                "Packet {PacketId} of site {SiteId} with {DocumentCount} documents {Outcome}",
                packet.PacketId, packet.SiteId, packet.Documents.Count, recorded ? "recorded" : "was already recorded");
        }

        if (await gate.KeepIfHeldAsync(packet, context.CancellationToken) is { } held)
        {
            // Accepted and kept, not processed: releasing the hold sends the packet here again.
            await work.CommitAsync(context.CancellationToken);
            logger.LogWarning("Packet {PacketId} of site {SiteId} kept under {Hold}", packet.PacketId, packet.SiteId, held);
            return;
        }

        foreach (var document in packet.Documents)
        {
            await context.Send(new DocumentSubmitted
            {
                CorrelationId = NameBasedGuid.ForDocument(packet.PacketId, document.DocumentId),
                PacketId = packet.PacketId,
                SiteId = packet.SiteId,
                StudyId = packet.StudyId,
                SubmittedAt = packet.SubmittedAt,
                Document = document,
            });
        }

        await work.CommitAsync(context.CancellationToken);
    }
}
