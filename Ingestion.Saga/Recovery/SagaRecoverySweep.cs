using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Outbox;
using Ingestion.Saga.Documents;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Saga.Recovery;

/// <summary>
/// The last line of defence for documents left in limbo. The durable outbox already carries a transition's messages past
/// a dead worker, and a transition's audit entry commits with it; what remains is a message lost outside it (purged from a
/// dead-letter queue, say), which would leave a document waiting for a reply that never comes. The sweep finds documents
/// that have not moved for <see cref="SagaRecoveryOptions.StaleAfterSeconds"/> (in manual review without a review-list row,
/// final without the packet tracker's record, or in flight) and sends each saga a <see cref="ResumeDocument"/>, through the
/// bus outbox in the transaction that claims them; the saga sends again what its state waits on. Every receiver is
/// idempotent, so a document resumed needlessly only repeats work. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so
/// several saga workers sweep without overlapping.
/// </summary>
internal sealed class SagaRecoverySweep(
    BusOutbox outbox, IOptions<SagaRecoveryOptions> options, ILogger<SagaRecoverySweep> logger) : PeriodicWork(logger)
{
    private const int BatchSize = 100;

    protected override TimeSpan? Interval =>
        options.Value.Enabled ? TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds) : null;

    protected override string Name => "Recovery sweep";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        while (await SweepAsync(options.Value, cancellationToken) == BatchSize)
        {
        }
    }

    /// <summary>Resumes one batch of stale documents; returns how many.</summary>
    public async Task<int> SweepAsync(SagaRecoveryOptions settings, CancellationToken cancellationToken)
    {
        await using var work = await outbox.BeginAsync(cancellationToken);
        var (connection, transaction, send) = (work.Connection, work.Transaction, work.SendEndpointProvider);
        var stale = new List<(Guid CorrelationId, string SiteId, string State)>();
        await using (var claim = new NpgsqlCommand(
            $"""
            SELECT d.correlation_id, d.site_id, d.current_state FROM {DocumentIngestionStateMap.Table} d
            WHERE d.updated_at < now() - make_interval(secs => @stale)
              AND NOT (d.current_state = @review
                       AND EXISTS (SELECT 1 FROM manual_review r WHERE r.correlation_id = d.correlation_id))
              AND (NOT d.current_state = ANY(@final)
                   OR NOT EXISTS (SELECT 1 FROM packet_documents p WHERE p.packet_id = d.packet_id AND p.correlation_id = d.correlation_id))
            ORDER BY d.updated_at
            LIMIT {BatchSize}
            FOR UPDATE OF d SKIP LOCKED
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("stale", (double)settings.StaleAfterSeconds);
            claim.Parameters.AddWithValue("review", DocumentState.ManualReview.Name);
            claim.Parameters.AddWithValue("final", DocumentState.Names(DocumentState.Final));
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stale.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (correlationId, siteId, state) in stale)
        {
            await send.Send(new ResumeDocument { CorrelationId = correlationId, RequestedAt = DateTime.UtcNow }, cancellationToken);
            logger.LogWarning(
                "Resuming document {CorrelationId} of site {SiteId}, stuck in {State}", correlationId, siteId, DocumentState.DisplayOf(state));
        }

        // Touching the rows restarts their clock: a document resumed now is looked at again only if it stays stuck.
        await using (var touch = new NpgsqlCommand(
            $"UPDATE {DocumentIngestionStateMap.Table} SET updated_at = now() WHERE correlation_id = ANY(@ids)", connection, transaction))
        {
            touch.Parameters.AddWithValue("ids", stale.Select(s => s.CorrelationId).ToArray());
            await touch.ExecuteNonQueryAsync(cancellationToken);
        }

        await work.CommitAsync(cancellationToken);
        return stale.Count;
    }
}
