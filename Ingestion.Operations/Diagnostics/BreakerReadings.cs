using Ingestion.Persistence.Database;
using Npgsql;

namespace Ingestion.Operations.Diagnostics;

/// <summary>
/// The fleet's circuit breakers as the audit trail knows them: each worker's endpoints that ever opened, with their last
/// transition (<c>CIRCUIT_OPENED</c> or <c>CIRCUIT_CLOSED</c>). Breakers live in the workers; the ledger is where any other
/// process can see them.
/// </summary>
public sealed class BreakerReadings(IngestionDatabase database)
{
    /// <summary>The last transition of every breaker that ever opened, open ones first.</summary>
    public async Task<IReadOnlyList<BreakerReading>> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT worker, endpoint, state, occurred_at FROM (
                SELECT DISTINCT ON (actor_worker_id, split_part(to_state, ':', 1))
                       actor_worker_id AS worker, split_part(to_state, ':', 1) AS endpoint, outcome AS state, occurred_at
                FROM audit_ledger WHERE action IN ('CIRCUIT_OPENED', 'CIRCUIT_CLOSED')
                ORDER BY actor_worker_id, split_part(to_state, ':', 1), seq DESC) last
            ORDER BY state DESC, worker, endpoint
            """, connection);
        var readings = new List<BreakerReading>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            readings.Add(new BreakerReading(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc)));
        }

        return readings;
    }
}
