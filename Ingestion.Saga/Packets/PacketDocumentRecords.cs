using Ingestion.Contracts;
using Ingestion.Messaging.Resilience;
using Ingestion.Saga.Documents;
using Npgsql;

namespace Ingestion.Saga.Packets;

/// <summary>The packet tracker's SQL: a document's final outcome as its saga row holds it, its record, the packet's count.</summary>
internal static class PacketDocumentRecords
{
    /// <summary>The document's final outcome as its saga committed it, or null when its row is not final in this packet.</summary>
    public static async Task<FinalDocument?> FinalAsync(
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

        return new FinalDocument(
            state, reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDateTime(4));
    }

    /// <summary>
    /// Records the document once and, the first time only, raises the packet's final count; either way returns the
    /// packet's progress, so that a redelivered last document still sees the packet complete.
    /// </summary>
    public static async Task<PacketCount> RecordAsync(
        Guid packetId, Guid correlationId, FinalDocument document, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH recorded AS (
                INSERT INTO packet_documents (packet_id, correlation_id, document_id, final_state, error_code, finalized_at)
                VALUES (@packet, @correlation, @document, @state, @error, @finalized)
                ON CONFLICT (packet_id, correlation_id) DO NOTHING
                RETURNING packet_id
            ), counted AS (
                UPDATE packets p
                SET final_count = p.final_count + 1,
                    completed_at = CASE WHEN p.final_count + 1 >= p.document_count THEN coalesce(p.completed_at, now()) ELSE p.completed_at END
                FROM recorded r WHERE p.packet_id = r.packet_id
                RETURNING p.final_count, p.document_count, p.completed_at
            )
            SELECT final_count, document_count, completed_at FROM counted
            UNION ALL
            SELECT final_count, document_count, completed_at FROM packets
            WHERE packet_id = @packet AND NOT EXISTS (SELECT 1 FROM recorded)
            """, connection, transaction);
        command.Parameters.AddWithValue("packet", packetId);
        command.Parameters.AddWithValue("correlation", correlationId);
        command.Parameters.AddWithValue("document", document.DocumentId);
        command.Parameters.AddWithValue("state", document.State.Display);
        command.Parameters.AddWithValue("error", (object?)document.ErrorCode ?? DBNull.Value);
        command.Parameters.AddWithValue("finalized", document.FinalizedAt);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new TransientFaultException($"Packet {packetId} is not recorded yet.");
        }

        return new PacketCount(reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2));
    }

    /// <summary>The packet's final documents by state and by error code.</summary>
    public static async Task<(Dictionary<string, int> ByState, Dictionary<string, int> ByError)> TallyAsync(
        Guid packetId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var byState = new Dictionary<string, int>(StringComparer.Ordinal);
        var byError = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var tally = new NpgsqlCommand(
            "SELECT final_state, error_code, count(*)::int FROM packet_documents WHERE packet_id = @packet GROUP BY 1, 2",
            connection, transaction);
        tally.Parameters.AddWithValue("packet", packetId);
        await using var reader = await tally.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var count = reader.GetInt32(2);
            var state = reader.GetString(0);
            byState[state] = byState.GetValueOrDefault(state) + count;
            if (!reader.IsDBNull(1))
            {
                var error = reader.GetString(1);
                byError[error] = byError.GetValueOrDefault(error) + count;
            }
        }

        return (byState, byError);
    }
}
