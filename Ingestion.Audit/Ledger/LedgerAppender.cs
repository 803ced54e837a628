using Ingestion.Audit.Staging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Audit.Ledger;

/// <summary>
/// Moves staged audit entries into the hash chain: in one transaction it takes the fleet-wide append lock, reads up to
/// <see cref="LedgerAppenderOptions.BatchSize"/> staged entries in the order they were staged, chains them after the head
/// and deletes them from staging, so each is chained exactly once. Audit workers run it; any number may run at once, the
/// lock serializes them. It chains as soon as an entry is staged in its own process, and polls for the others'. It works
/// as the appender's role (<see cref="LedgerDatabase"/>), the only one that may add to the ledger.
/// </summary>
public sealed class LedgerAppender(
    LedgerDatabase database, AuditStaging staging, IOptions<LedgerAppenderOptions> options, ILogger<LedgerAppender> logger)
    : BackgroundService
{
    /// <summary>Chains every entry staged so far; returns how many it took from staging.</summary>
    public async Task<int> AppendStagedAsync(CancellationToken cancellationToken)
    {
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var total = 0;
        int taken;
        do
        {
            taken = await AppendBatchAsync(batchSize, cancellationToken);
            total += taken;
        }
        while (taken == batchSize);

        return total;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.PollIntervalMs));
        var coalesce = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.CoalesceMs));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await AppendStagedAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The entries stay staged; the next round takes them.
                logger.LogWarning(exception, "Chaining staged audit entries failed; trying again in {Milliseconds} ms", poll.TotalMilliseconds);
            }

            if (await staging.WaitForStagedAsync(poll, stoppingToken))
            {
                await Task.Delay(coalesce, stoppingToken);
            }
        }
    }

    private async Task<int> AppendBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await AnyStagedAsync(connection, transaction, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        await AuditLedger.LockAsync(connection, transaction, cancellationToken);
        var staged = await AuditStaging.ReadAsync(connection, transaction, batchSize, cancellationToken);
        if (staged.Count == 0)
        {
            // Another appender chained them while this one waited for the lock.
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var chained = await AuditLedger.ChainAsync(connection, transaction, staged.ConvertAll(s => s.Entry), cancellationToken);
        await AuditStaging.RemoveAsync(connection, transaction, staged.Select(s => s.StagedSeq), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (chained < staged.Count)
        {
            logger.LogWarning("{Skipped} staged audit entries were already on the ledger and were not chained again", staged.Count - chained);
        }

        return staged.Count;
    }

    // Without the lock: an idle appender must not queue up behind a busy one only to find nothing.
    private static async Task<bool> AnyStagedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM audit_staging)", connection, transaction);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
