using Ingestion.Contracts;
using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
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

        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO packet_documents (packet_id, correlation_id, document_id, final_state, error_code, finalized_at)
            VALUES (@packet, @correlation, @document, @state, @error, @finalized)
            ON CONFLICT (packet_id, correlation_id) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("packet", document.PacketId);
            insert.Parameters.AddWithValue("correlation", document.CorrelationId);
            insert.Parameters.AddWithValue("document", document.DocumentId);
            insert.Parameters.AddWithValue("state", document.FinalState);
            insert.Parameters.AddWithValue("error", (object?)document.ErrorCode ?? DBNull.Value);
            insert.Parameters.AddWithValue("finalized", document.FinalizedAt);
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
            document.PacketId, document.SiteId, documentCount, byState, byError);
        await context.Publish(new PacketCompleted
        {
            PacketId = document.PacketId,
            SiteId = document.SiteId,
            DocumentCount = documentCount,
            CountsByState = byState,
            CountsByErrorCode = byError,
            CompletedAt = completedAt,
        });
    }
}
