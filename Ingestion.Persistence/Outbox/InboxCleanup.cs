using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// Forgets inbox records once a duplicate of their message can no longer arrive: delivered ones after the duplicate
/// window, never-consumed ones (their message faulted) after the retention. A record that was consumed but whose
/// messages are not yet delivered is kept: its message's next delivery needs it.
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
            DELETE FROM inbox_state
            WHERE delivered < now() - make_interval(mins => @window)
               OR (consumed IS NULL AND received < now() - make_interval(hours => @retention))
            """,
            connection);
        command.Parameters.AddWithValue("window", options.Value.DuplicateDetectionWindowMinutes);
        command.Parameters.AddWithValue("retention", options.Value.UnconsumedRetentionHours);
        var removed = await command.ExecuteNonQueryAsync(cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Inbox cleanup removed {Count} records", removed);
        }
    }
}
