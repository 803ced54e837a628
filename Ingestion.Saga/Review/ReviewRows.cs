using System.Text.Json;
using Ingestion.Persistence.Outbox;
using Ingestion.Saga.Documents;
using Npgsql;

namespace Ingestion.Saga.Review;

/// <summary>Reads what a review record is built from, in a given transaction.</summary>
internal static class ReviewRows
{
    /// <summary>The document's corrections, oldest first, with their signers.</summary>
    public static async Task<IReadOnlyList<FieldCorrection>> CorrectionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid correlationId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.correction_id, c.correlation_id, c.field_name, c.old_value, c.new_value, c.reason, c.signature_id, s.user_name, s.printed_name, c.corrected_at
            FROM field_corrections c JOIN electronic_signatures s ON s.signature_id = c.signature_id
            WHERE c.correlation_id = @id ORDER BY c.corrected_at, c.correction_id
            """, connection, transaction);
        command.Parameters.AddWithValue("id", correlationId);
        var corrections = new List<FieldCorrection>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            corrections.Add(new FieldCorrection(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetGuid(6), reader.GetString(7), reader.GetString(8), DateTime.SpecifyKind(reader.GetDateTime(9), DateTimeKind.Utc)));
        }

        return corrections;
    }

    /// <summary>The document's saga state, locked for the transaction (a saga step waits for it, and it for a saga step).</summary>
    public static async Task<DocumentIngestionState?> LockDocumentAsync(IDatabaseTransactionContext transaction, Guid correlationId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT data::text FROM {DocumentIngestionStateMap.Table} WHERE correlation_id = @id FOR UPDATE", transaction.Connection, transaction.Transaction);
        command.Parameters.AddWithValue("id", correlationId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize<DocumentIngestionState>(json) : null;
    }

    /// <summary>Whether a decision on the document is recorded and not yet applied or refused by the saga.</summary>
    public static async Task<bool> DecisionPendingAsync(IDatabaseTransactionContext transaction, Guid correlationId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT 1 FROM review_decisions d LEFT JOIN review_decision_outcomes o ON o.decision_id = d.decision_id
            WHERE d.correlation_id = @id AND o.decision_id IS NULL LIMIT 1
            """, transaction.Connection, transaction.Transaction);
        command.Parameters.AddWithValue("id", correlationId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
