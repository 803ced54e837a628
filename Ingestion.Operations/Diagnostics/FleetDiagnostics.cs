using Ingestion.Contracts;
using Ingestion.Messaging.Broker;
using Ingestion.Persistence.Database;
using Ingestion.Saga.Documents;
using Npgsql;

namespace Ingestion.Operations.Diagnostics;

/// <summary>
/// The product's checkpoints read from the broker and the database: queue depth against throughput, the rejection
/// rate and its make-up by code and site, audit coverage from receipt to final state, and documents stuck in flight.
/// </summary>
public sealed class FleetDiagnostics(IngestionDatabase database, QueueBacklogProbe queues)
{
    /// <summary>Runs every checkpoint.</summary>
    public async Task<Diagnosis> DiagnoseAsync(DiagnosisThresholds thresholds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        IReadOnlyList<QueueLoad>? loads = null;
        try
        {
            loads = await queues.ReadAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            // Reported as "unknown" rather than failing the other checkpoints.
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var window = thresholds.Window.TotalSeconds;
        var groups = new List<RejectionGroup>();
        var (finalized, rejected) = (0, 0);
        await using (var command = new NpgsqlCommand(
            """
            SELECT coalesce(error_code, ''), site_id, final_state, count(*)::int FROM packet_documents p JOIN packets USING (packet_id)
            WHERE finalized_at > now() - make_interval(secs => @window) GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2
            """, connection))
        {
            command.Parameters.AddWithValue("window", window);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt32(3);
                finalized += count;
                if (reader.GetString(2) == DocumentState.Rejected.Display)
                {
                    rejected += count;
                    groups.Add(new RejectionGroup(reader.GetString(0), reader.GetString(1), count));
                }
            }
        }

        int covered, finalDocuments;
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT count(*)::int,
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM audit_ledger a WHERE a.correlation_id = d.correlation_id AND a.action = @ingest)
                                      AND EXISTS (SELECT 1 FROM audit_ledger a WHERE a.correlation_id = d.correlation_id
                                                  AND a.to_state = s.display))::int
            FROM {DocumentIngestionStateMap.Table} d JOIN unnest(@final, @finalDisplay) AS s (name, display) ON s.name = d.current_state
            """, connection))
        {
            command.Parameters.AddWithValue("ingest", AuditActions.Ingest);
            command.Parameters.AddWithValue("final", DocumentState.Names(DocumentState.Final));
            command.Parameters.AddWithValue("finalDisplay", DocumentState.Displays(DocumentState.Final));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (finalDocuments, covered) = (reader.GetInt32(0), reader.GetInt32(1));
        }

        var stuck = new List<StuckDocument>();
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT correlation_id, site_id, current_state, updated_at FROM {DocumentIngestionStateMap.Table}
            WHERE NOT current_state = ANY(@settled) AND updated_at < now() - make_interval(secs => @stuck)
            ORDER BY updated_at LIMIT 20
            """, connection))
        {
            command.Parameters.AddWithValue("stuck", thresholds.StuckAfter.TotalSeconds);
            command.Parameters.AddWithValue("settled", DocumentState.Names(DocumentState.Settled));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stuck.Add(new StuckDocument(
                    reader.GetGuid(0), reader.GetString(1), DocumentState.DisplayOf(reader.GetString(2)), DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc)));
            }
        }

        var work = loads?.Where(l => !l.Queue.EndsWith("_error", StringComparison.Ordinal)).ToList();
        return new Diagnosis
        {
            Queues = work,
            BackloggedQueues = work?.Where(l => l.Ready >= thresholds.BacklogMinMessages && l.Ratio > thresholds.BacklogRatio).Select(l => l.Queue).ToList() ?? [],
            Finalized = finalized,
            Rejected = rejected,
            Rejections = groups,
            Covered = covered,
            FinalDocuments = finalDocuments,
            Stuck = stuck,
        };
    }
}
