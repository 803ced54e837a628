using System.Text.Json;
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
/// a dead worker; what remains is a message lost outside it (purged from a dead-letter queue, say), which would leave a
/// document waiting for a reply that never comes. The sweep finds documents that have not moved for
/// <see cref="SagaRecoveryOptions.StaleAfterSeconds"/> and sends again what their state waits on, the transition's audit
/// events, and for final documents the completion the packet tracker may have missed, through the bus outbox in the
/// transaction that claims them. Every receiver is idempotent, so a document resumed needlessly only repeats work.
/// Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so several saga workers sweep without overlapping.
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
        var stale = new List<DocumentIngestionState>();
        await using (var claim = new NpgsqlCommand(
            $"""
            SELECT d.data::text FROM {DocumentIngestionStateMap.Table} d
            WHERE d.updated_at < now() - make_interval(secs => @stale)
              AND NOT (d.current_state = 'ManualReview'
                       AND EXISTS (SELECT 1 FROM manual_review r WHERE r.correlation_id = d.correlation_id))
              AND (d.current_state NOT IN ('Archived', 'Rejected')
                   OR NOT EXISTS (SELECT 1 FROM packet_documents p WHERE p.packet_id = d.packet_id AND p.correlation_id = d.correlation_id))
            ORDER BY d.updated_at
            LIMIT {BatchSize}
            FOR UPDATE OF d SKIP LOCKED
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("stale", (double)settings.StaleAfterSeconds);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stale.Add(JsonSerializer.Deserialize<DocumentIngestionState>(reader.GetString(0))!);
            }
        }

        foreach (var saga in stale)
        {
            foreach (var audit in saga.LastAuditEvents)
            {
                await send.Send(audit, cancellationToken);
            }

            // Each has its queue by convention, the final document's completion the packet tracker's.
            if (Pending(saga) is { } command)
            {
                await send.Send(command, command.GetType(), cancellationToken);
            }

            logger.LogWarning(
                "Resumed document {CorrelationId} of site {SiteId}, stuck in {State}", saga.CorrelationId, saga.SiteId, DocumentStates.Display(saga.CurrentState));
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

    // What a document in each state is waiting on; final documents owe the packet tracker their completion.
    private static object? Pending(DocumentIngestionState saga)
    {
        var document = saga.Document!;
        return saga.CurrentState switch
        {
            "Received" or "Validating" => new ValidateDocument
            {
                CorrelationId = saga.CorrelationId, PacketId = saga.PacketId, SiteId = saga.SiteId, Sha256 = document.Sha256,
                ContentReference = document.ContentReference,
            },
            "Parsing" => new ParseDocument
            {
                CorrelationId = saga.CorrelationId, PacketId = saga.PacketId, SiteId = saga.SiteId, Sha256 = document.Sha256,
                ContentReference = document.ContentReference, TemplateId = saga.TemplateId!, SchemaVersion = saga.SchemaVersion!,
            },
            "Parsed" => new ArchiveDocument
            {
                CorrelationId = saga.CorrelationId, PacketId = saga.PacketId, SiteId = saga.SiteId, StudyId = saga.StudyId,
                Document = document, TemplateId = saga.TemplateId!, SchemaVersion = saga.SchemaVersion!, Fields = saga.Fields,
            },
            "ManualReview" => new RequestManualReview
            {
                CorrelationId = saga.CorrelationId, PacketId = saga.PacketId, SiteId = saga.SiteId, Document = document,
                TemplateId = saga.TemplateId!, SchemaVersion = saga.SchemaVersion!, Fields = saga.Fields, MissingFields = [],
                LowConfidenceFields = [], RequestedAt = DateTime.UtcNow,
            },
            "Archived" or "Rejected" => new DocumentFinalized
            {
                CorrelationId = saga.CorrelationId, PacketId = saga.PacketId, SiteId = saga.SiteId, DocumentId = document.DocumentId,
                FinalState = DocumentStates.Display(saga.CurrentState), ErrorCode = saga.ErrorCode,
                FinalizedAt = saga.FinalizedAt ?? DateTime.UtcNow,
            },
            _ => null,
        };
    }
}
