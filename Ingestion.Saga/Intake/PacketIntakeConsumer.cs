using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using Ingestion.Site.Records;
using Ingestion.Site.Registry;
using Ingestion.Site.Rules;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Saga.Intake;

/// <summary>
/// Records a submitted packet and starts one saga per document. Publishing a packet twice records it once
/// and re-announces its documents, whose sagas ignore the repeat. Under a compliance hold the packet is recorded and
/// kept, and nothing of it is processed until the hold is released. A packet that breaks a submission rule, or that is not
/// exactly what the gateway recorded for its site, is refused: the refusal is on the record and nothing else happens.
/// </summary>
internal sealed class PacketIntakeConsumer(
    IngestionDatabase database,
    IIntakeGate gate,
    IOptions<IntakeLimits> limits,
    WorkerIdentity worker,
    SiteAudit audit,
    ILogger<PacketIntakeConsumer> logger)
    : IConsumer<PacketSubmitted>
{
    public async Task Consume(ConsumeContext<PacketSubmitted> context)
    {
        var packet = context.Message;
        await using var work = await ConsumerTransaction.BeginAsync(database, context);
        if (await RefuseAsync(work, packet, context.CancellationToken) is { } refused)
        {
            var id = await SubmissionRefusals.InsertAsync(work, refused, context.CancellationToken);
            await audit.RecordAsync(work, SubmissionRefusals.FactOf(id, refused), worker.Actor, context.CancellationToken);
            await work.CommitAsync(context.CancellationToken);
            logger.LogWarning(
                "Packet {PacketId} refused at intake ({Code}): {Reason}", packet.PacketId, refused.Refusal.Code, refused.Refusal.Reason);
            return;
        }

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

    // Defence in depth: the rules first (so that no NUL or oversized text reaches the database), then the gateway's record.
    // A message that is not even a whole PacketSubmitted goes to the error queue with its fault, as any poison message does.
    private async Task<RefusedSubmission?> RefuseAsync(ConsumerTransaction work, PacketSubmitted packet, CancellationToken cancellationToken)
    {
        if (packet.PacketId == Guid.Empty || packet.SiteId is null || packet.StudyId is null || packet.SubmittedBy is null
            || packet.Documents is null || packet.Documents.Any(d => d is null))
        {
            throw new InvalidPacketException(packet.PacketId, "the message is not a whole PacketSubmitted: a packet id, site, study, submitter or document is missing");
        }

        var claimed = packet.SiteId;
        if (SubmissionRules.Check(packet, limits.Value) is { } broken)
        {
            return new RefusedSubmission(RefusedSubmission.AtIntake, RefusedSubmission.Nobody, claimed, packet.PacketId, broken);
        }

        var recorded = await SubmissionRecords.FindPacketAsync(work.Connection, work.Transaction, packet.PacketId, cancellationToken);
        if (recorded is null)
        {
            return new RefusedSubmission(RefusedSubmission.AtIntake, RefusedSubmission.Nobody, claimed, packet.PacketId,
                new SubmissionRefusal(RefusalCodes.NotRecorded, $"no packet {packet.PacketId} was recorded for any site"));
        }

        if (!string.Equals(recorded.SiteId, packet.SiteId, StringComparison.Ordinal))
        {
            return new RefusedSubmission(RefusedSubmission.AtIntake, recorded.SiteId, claimed, packet.PacketId,
                new SubmissionRefusal(RefusalCodes.SiteMismatch, $"packet {packet.PacketId} was recorded for site {recorded.SiteId}, not {PrintableText.Escape(claimed)}"));
        }

        return string.Equals(recorded.Fingerprint, PacketFingerprint.Of(packet), StringComparison.Ordinal)
            ? null
            : new RefusedSubmission(RefusedSubmission.AtIntake, recorded.SiteId, claimed, packet.PacketId,
                new SubmissionRefusal(RefusalCodes.NotRecorded, $"packet {packet.PacketId} differs from what was recorded for site {recorded.SiteId}"));
    }
}
