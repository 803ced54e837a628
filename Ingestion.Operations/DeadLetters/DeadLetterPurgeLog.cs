using Ingestion.Persistence.Database;
using Npgsql;

namespace Ingestion.Operations.DeadLetters;

/// <summary>Records purged dead letters in <c>dead_letter_purges</c>.</summary>
public sealed class DeadLetterPurgeLog(IngestionDatabase database)
{
    /// <summary>Records one purged message of the operator action <paramref name="actionId"/>.</summary>
    public async Task RecordAsync(Guid actionId, DeadLetter letter, string purgedBy, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO dead_letter_purges
                (action_id, queue, message_id, correlation_id, payload_sha256, fault_exception_type, site_id, purged_at, purged_by, reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """,
            connection);
        object?[] values =
        [
            actionId, letter.Queue, letter.MessageId, letter.CorrelationId, letter.PayloadSha256, letter.ExceptionType, letter.SiteId,
            DateTime.UtcNow, purgedBy, reason,
        ];
        foreach (var value in values)
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
