using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Ledger;
using Ingestion.Contracts;
using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Database;
using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ingestion.Audit.Receipts;

/// <summary>
/// When a packet completes, writes each of its documents a receipt for the site: its audit entries with inclusion proofs
/// against a signed checkpoint that covers its final entry. The saga finishes before the ledger appender has chained
/// that entry, so until every final entry is on the ledger the message is retried. Idempotent: a receipt already written
/// is kept, and <see cref="PacketCompleted"/> may arrive twice or at two workers.
/// </summary>
internal sealed class PacketReceiptsConsumer(
    IngestionDatabase database, AuditLedger ledger, AuditProver prover, ReceiptFiles files, ILogger<PacketReceiptsConsumer> logger)
    : IConsumer<PacketCompleted>
{
    public async Task Consume(ConsumeContext<PacketCompleted> context)
    {
        var packet = context.Message;
        var cancellationToken = context.CancellationToken;
        var documents = await DocumentsAsync(packet.PacketId, cancellationToken);
        if (documents.Count < packet.DocumentCount)
        {
            throw new TransientFaultException($"Packet {packet.PacketId} has {documents.Count} of {packet.DocumentCount} final documents recorded.");
        }

        var finalSeqs = await ledger.LastSeqsReachingAsync(documents.ToDictionary(d => d.CorrelationId, d => d.FinalState), cancellationToken);
        var behind = documents.Where(d => finalSeqs.GetValueOrDefault(d.CorrelationId) == 0).ToList();
        if (behind.Count > 0)
        {
            throw new TransientFaultException(
                $"The audit ledger does not hold the final entry of {behind.Count} document(s) of packet {packet.PacketId} yet, for example {behind[0].DocumentId}.");
        }

        var pending = documents.Where(d => !File.Exists(files.PathOf(packet.SiteId, packet.PacketId, d.DocumentId))).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var receipts = await prover.ProveAsync(pending.Select(d => d.CorrelationId).ToList(), finalSeqs.Values.Max(), cancellationToken);
        var written = 0;
        foreach (var document in pending)
        {
            var path = files.PathOf(packet.SiteId, packet.PacketId, document.DocumentId);
            if (await ReceiptFiles.WriteOnceAsync(path, receipts[document.CorrelationId], cancellationToken))
            {
                written++;
            }
        }

        logger.LogInformation(
            "Wrote {Written} receipts for packet {PacketId} of site {SiteId} under checkpoint {TreeSize}",
            written, packet.PacketId, packet.SiteId, receipts.Values.First().Checkpoint.TreeSize);
    }

    private async Task<List<(Guid CorrelationId, string DocumentId, string FinalState)>> DocumentsAsync(Guid packetId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            "SELECT correlation_id, document_id, final_state FROM packet_documents WHERE packet_id = @packet ORDER BY document_id", connection);
        query.Parameters.AddWithValue("packet", packetId);
        var documents = new List<(Guid, string, string)>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }

        return documents;
    }
}
