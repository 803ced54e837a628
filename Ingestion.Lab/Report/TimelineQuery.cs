using Ingestion.Persistence.Database;
using Npgsql;

namespace Ingestion.Lab.Report;

/// <summary>Reads the benchmarked documents' timelines from the saga table and the audit ledger.</summary>
internal static class TimelineQuery
{
    public static async Task<IReadOnlyList<DocumentTimeline>> LoadAsync(
        IngestionDatabase database, IReadOnlyCollection<Guid> packets, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var documents = new Dictionary<Guid, (string State, DateTime Submitted, DateTime? Finalized)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT correlation_id, current_state, (data->>'SubmittedAt')::timestamptz, (data->>'FinalizedAt')::timestamptz
            FROM document_ingestion
            WHERE packet_id = ANY(@packets)
            """, connection))
        {
            command.Parameters.AddWithValue("packets", packets.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                documents[reader.GetGuid(0)] = (
                    reader.GetString(1),
                    reader.GetFieldValue<DateTime>(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTime>(3));
            }
        }

        var entered = documents.Keys.ToDictionary(id => id, _ => new Dictionary<string, DateTime>(StringComparer.Ordinal));
        var chained = documents.Keys.ToDictionary(id => id, _ => new Dictionary<string, DateTime>(StringComparer.Ordinal));
        await using (var command = new NpgsqlCommand(
            "SELECT correlation_id, to_state, occurred_at, recorded_at FROM audit_ledger WHERE packet_id = ANY(@packets) ORDER BY seq",
            connection))
        {
            command.Parameters.AddWithValue("packets", packets.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                if (!entered.TryGetValue(id, out var states))
                {
                    continue;
                }

                var state = reader.GetString(1);
                states.TryAdd(state, reader.GetFieldValue<DateTime>(2));
                chained[id].TryAdd(state, reader.GetFieldValue<DateTime>(3));
            }
        }

        return documents
            .Select(d => new DocumentTimeline(d.Key, d.Value.State, d.Value.Submitted, d.Value.Finalized, entered[d.Key], chained[d.Key]))
            .ToList();
    }
}
