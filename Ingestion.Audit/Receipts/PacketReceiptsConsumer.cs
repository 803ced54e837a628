using System.Diagnostics;
using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Ledger;
using Ingestion.Contracts;
using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Database;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Audit.Receipts;

/// <summary>
/// When a packet completes, writes each of its documents a receipt for the site: its audit entries with inclusion proofs
/// against a signed checkpoint that covers its final entry. The saga finishes before the ledger appender has chained
/// that entry, so the consumer first waits, quietly, until every final entry is on the ledger: that is the usual case,
/// not a fault, and is not retried through exceptions. Idempotent: a receipt already written is kept, and
/// <see cref="PacketCompleted"/> may arrive twice or at two workers.
/// </summary>
internal sealed class PacketReceiptsConsumer(
    IngestionDatabase database,
    AuditLedger ledger,
    AuditProver prover,
    ReceiptFiles files,
    IOptions<ReceiptOptions> options,
    ILogger<PacketReceiptsConsumer> logger)
    : IConsumer<PacketCompleted>
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(10);

    public async Task Consume(ConsumeContext<PacketCompleted> context)
    {
        var packet = context.Message;
        var cancellationToken = context.CancellationToken;
        var (siteId, documents, finalSeqs) = await WaitForFinalEntriesAsync(packet, cancellationToken);
        var pending = documents.Where(d => !File.Exists(files.PathOf(siteId, packet.PacketId, d.DocumentId))).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var receipts = await prover.ProveAsync(pending.Select(d => d.CorrelationId).ToList(), finalSeqs.Values.Max(), cancellationToken);
        var written = 0;
        foreach (var document in pending)
        {
            var path = files.PathOf(siteId, packet.PacketId, document.DocumentId);
            if (await ReceiptFiles.WriteOnceAsync(path, receipts[document.CorrelationId], cancellationToken))
            {
                written++;
            }
        }

        logger.LogInformation(
            "Wrote {Written} receipts for packet {PacketId} of site {SiteId} under checkpoint {TreeSize}",
            written, packet.PacketId, siteId, receipts.Values.First().Checkpoint.TreeSize);
    }

    private async Task<(string SiteId, List<(Guid CorrelationId, string DocumentId, string FinalState)> Documents, IReadOnlyDictionary<Guid, long> FinalSeqs)>
        WaitForFinalEntriesAsync(PacketCompleted packet, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var poll = FirstPoll;
        while (true)
        {
            var (siteId, documents) = await DocumentsAsync(packet.PacketId, cancellationToken);
            var finalSeqs = await ledger.LastSeqsReachingAsync(documents.ToDictionary(d => d.CorrelationId, d => d.FinalState), cancellationToken);
            var behind = documents.Count(d => finalSeqs.GetValueOrDefault(d.CorrelationId) == 0) + (packet.DocumentCount - documents.Count);
            if (behind <= 0)
            {
                return (siteId, documents, finalSeqs);
            }

            if (waited.Elapsed.TotalSeconds >= options.Value.LedgerWaitSeconds)
            {
                throw new LedgerBehindException(
                    $"After {waited.Elapsed.TotalSeconds:F0} s the audit ledger still lacks the final entry of {behind} of the {packet.DocumentCount} documents of packet {packet.PacketId}.");
            }

            logger.LogDebug(
                "Receipts for packet {PacketId} wait {PollMs} ms for the audit ledger to chain the final entry of {Behind} document(s)",
                packet.PacketId, (int)poll.TotalMilliseconds, behind);
            await Task.Delay(poll, cancellationToken);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
    }

    // The site comes from the packet as intake recorded it, never from the message: receipts go to the packet's own site.
    private async Task<(string SiteId, List<(Guid CorrelationId, string DocumentId, string FinalState)> Documents)> DocumentsAsync(
        Guid packetId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        string siteId;
        await using (var site = new NpgsqlCommand("SELECT site_id FROM packets WHERE packet_id = @packet", connection))
        {
            site.Parameters.AddWithValue("packet", packetId);
            siteId = await site.ExecuteScalarAsync(cancellationToken) as string
                ?? throw new TransientFaultException($"Packet {packetId} is not recorded yet.");
        }

        await using var query = new NpgsqlCommand(
            "SELECT correlation_id, document_id, final_state FROM packet_documents WHERE packet_id = @packet ORDER BY document_id", connection);
        query.Parameters.AddWithValue("packet", packetId);
        var documents = new List<(Guid, string, string)>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }

        return (siteId, documents);
    }
}
