using Ingestion.Contracts;
using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using Ingestion.Saga.Documents;
using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ingestion.Saga.Packets;

/// <summary>
/// Counts a packet's final documents and announces the packet once all are final. The packet row is locked
/// while a document is counted, so two workers finishing a packet's last two documents cannot both miss it.
/// A redelivered last document announces the packet again; <see cref="PacketCompleted"/> is at-least-once.
/// </summary>
internal sealed class PacketTrackerConsumer(IngestionDatabase database, ILogger<PacketTrackerConsumer> logger) : IConsumer<DocumentFinalized>
{
    public async Task Consume(ConsumeContext<DocumentFinalized> context)
    {
        var document = context.Message;
        var cancellationToken = context.CancellationToken;
        await using var work = await ConsumerTransaction.BeginAsync(database, context);
        var (connection, transaction) = (work.Connection, work.Transaction);

        int documentCount;
        await using (var lockPacket = new NpgsqlCommand(
            "SELECT document_count FROM packets WHERE packet_id = @packet FOR UPDATE", connection, transaction))
        {
            lockPacket.Parameters.AddWithValue("packet", document.PacketId);
            documentCount = await lockPacket.ExecuteScalarAsync(cancellationToken) is int count
                ? count
                : throw new TransientFaultException($"Packet {document.PacketId} is not recorded yet.");
        }

        if (await FinalRecordAsync(document, connection, transaction, cancellationToken) is not { } recorded)
        {
            // Only the saga's own committed row says a document is final: a DocumentFinalized that the row does not
            // back (forged by someone holding a bus credential, or naming another packet) is counted for nothing.
            await work.CommitAsync(cancellationToken);
            logger.LogWarning(
                "Refused DocumentFinalized {MessageId} from {SourceAddress} on {SenderHost}: document {CorrelationId} of packet {PacketId} is not final in the database; claimed {ClaimedState} {ClaimedErrorCode}",
                context.MessageId, context.SourceAddress, context.Host?.MachineName, document.CorrelationId, document.PacketId,
                document.FinalState, document.ErrorCode);
            return;
        }

        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO packet_documents (packet_id, correlation_id, document_id, final_state, error_code, finalized_at)
            VALUES (@packet, @correlation, @document, @state, @error, @finalized)
            ON CONFLICT (packet_id, correlation_id) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("packet", document.PacketId);
            insert.Parameters.AddWithValue("correlation", document.CorrelationId);
            insert.Parameters.AddWithValue("document", recorded.DocumentId);
            insert.Parameters.AddWithValue("state", recorded.State.Display);
            insert.Parameters.AddWithValue("error", (object?)recorded.ErrorCode ?? DBNull.Value);
            insert.Parameters.AddWithValue("finalized", recorded.FinalizedAt);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var byState = new Dictionary<string, int>(StringComparer.Ordinal);
        var byError = new Dictionary<string, int>(StringComparer.Ordinal);
        var final = 0;
        await using (var tally = new NpgsqlCommand(
            "SELECT final_state, error_code, count(*)::int FROM packet_documents WHERE packet_id = @packet GROUP BY 1, 2",
            connection, transaction))
        {
            tally.Parameters.AddWithValue("packet", document.PacketId);
            await using var reader = await tally.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt32(2);
                final += count;
                var state = reader.GetString(0);
                byState[state] = byState.GetValueOrDefault(state) + count;
                if (!reader.IsDBNull(1))
                {
                    var error = reader.GetString(1);
                    byError[error] = byError.GetValueOrDefault(error) + count;
                }
            }
        }

        if (final < documentCount)
        {
            await work.CommitAsync(cancellationToken);
            return;
        }

        DateTime completedAt;
        await using (var complete = new NpgsqlCommand(
            "UPDATE packets SET completed_at = coalesce(completed_at, now()) WHERE packet_id = @packet RETURNING completed_at",
            connection, transaction))
        {
            complete.Parameters.AddWithValue("packet", document.PacketId);
            completedAt = (DateTime)(await complete.ExecuteScalarAsync(cancellationToken))!;
        }

        await work.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Packet {PacketId} of site {SiteId} completed: {DocumentCount} documents, {CountsByState}, {CountsByErrorCode}",
            document.PacketId, recorded.SiteId, documentCount, byState, byError);
        await context.Publish(new PacketCompleted
        {
            PacketId = document.PacketId,
            SiteId = recorded.SiteId,
            DocumentCount = documentCount,
            CountsByState = byState,
            CountsByErrorCode = byError,
            CompletedAt = completedAt,
        });
    }

    /// <summary>The document's final outcome as its saga committed it, or null when its row is not final in this packet.</summary>
    private static async Task<FinalRecord?> FinalRecordAsync(
        DocumentFinalized claim, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand(
            $"""
            SELECT current_state, error_code, site_id, coalesce(data -> 'Document' ->> 'DocumentId', ''),
                   coalesce((data ->> 'FinalizedAt')::timestamptz, updated_at)
            FROM {DocumentIngestionStateMap.Table}
            WHERE correlation_id = @correlation AND packet_id = @packet
            """, connection, transaction);
        read.Parameters.AddWithValue("correlation", claim.CorrelationId);
        read.Parameters.AddWithValue("packet", claim.PacketId);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || DocumentState.Named(reader.GetString(0)) is not { IsFinal: true } state)
        {
            return null;
        }

        return new FinalRecord(
            state, reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDateTime(4));
    }

    private sealed record FinalRecord(DocumentState State, string? ErrorCode, string SiteId, string DocumentId, DateTime FinalizedAt);
}
