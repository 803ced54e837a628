using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Persistence.Database;
using Ingestion.Saga.Documents;
using Npgsql;

namespace Ingestion.Saga.Review;

/// <summary>The reviewers' work list: documents whose saga is in MANUAL_REVIEW, with what extraction found.</summary>
public sealed class ReviewQueries(IngestionDatabase database)
{
    /// <summary>Documents waiting for a decision, oldest first; or the one document asked for.</summary>
    public async Task<IReadOnlyList<ReviewItem>> PendingAsync(Guid? correlationId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT r.correlation_id, r.site_id, r.document_id, r.file_name, r.sha256, r.content_reference,
                   r.template_id || ' ' || r.schema_version, r.fields::text, r.missing_fields, r.low_confidence_fields, r.requested_at
            FROM manual_review r JOIN {DocumentIngestionStateMap.Table} d ON d.correlation_id = r.correlation_id
            WHERE d.current_state = @review AND (@id::uuid IS NULL OR r.correlation_id = @id)
            ORDER BY r.requested_at, r.correlation_id
            """, connection);
        command.Parameters.AddWithValue("id", (object?)correlationId ?? DBNull.Value);
        command.Parameters.AddWithValue("review", DocumentState.ManualReview.Name);
        var items = new List<ReviewItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new ReviewItem(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), JsonSerializer.Deserialize<List<ExtractedField>>(reader.GetString(7)) ?? [],
                reader.GetFieldValue<string[]>(8), reader.GetFieldValue<string[]>(9),
                DateTime.SpecifyKind(reader.GetDateTime(10), DateTimeKind.Utc)));
        }

        return items;
    }

    /// <summary>A document's current state name as operators see it (for example <c>MANUAL_REVIEW</c>), or null if unknown.</summary>
    public async Task<string?> StateOfAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT current_state FROM {DocumentIngestionStateMap.Table} WHERE correlation_id = @id", connection);
        command.Parameters.AddWithValue("id", correlationId);
        return await command.ExecuteScalarAsync(cancellationToken) is string state ? DocumentState.DisplayOf(state) : null;
    }
}
