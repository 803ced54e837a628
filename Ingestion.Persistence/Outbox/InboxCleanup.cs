using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// Forgets inbox records once a duplicate of their message can no longer arrive: delivered ones after the duplicate
/// window; after the retention, never-consumed ones (their message faulted) and consumed ones never marked delivered
/// (their process died between sending from memory and the batched mark, or their message still waits for the next
/// delivery that sends the stored copies: a week is far beyond any redelivery schedule), with their stored messages.
/// </summary>
internal sealed class InboxCleanup(IngestionDatabase database, IOptions<OutboxOptions> options, ILogger<InboxCleanup> logger)
    : PeriodicWork(logger)
{
    protected override TimeSpan? Interval => TimeSpan.FromMinutes(1);

    protected override string Name => "Inbox cleanup";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            WITH forgotten AS (
                DELETE FROM inbox_state
                WHERE delivered < now() - make_interval(mins => @window)
                   OR (consumed IS NULL AND received < now() - make_interval(hours => @retention))
                   OR (delivered IS NULL AND consumed < now() - make_interval(hours => @retention))
                RETURNING message_id, consumer_id, delivered)
            DELETE FROM outbox_message m USING forgotten f
            WHERE f.delivered IS NULL AND m.inbox_message_id = f.message_id AND m.inbox_consumer_id = f.consumer_id
            """,
            connection);
        command.Parameters.AddWithValue("window", options.Value.DuplicateDetectionWindowMinutes);
        command.Parameters.AddWithValue("retention", options.Value.UnconsumedRetentionHours);
        var removed = await command.ExecuteNonQueryAsync(cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Inbox cleanup removed {Count} stored messages of undelivered inbox records", removed);
        }
    }
}
