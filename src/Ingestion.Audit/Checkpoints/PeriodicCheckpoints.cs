using Ingestion.Infrastructure.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Audit.Checkpoints;

/// <summary>
/// Signs a checkpoint every <see cref="LedgerSigningOptions.CheckpointIntervalSeconds"/> when the ledger grew, so that an
/// inspector always has a recent signed root to hold the fleet to. Several audit workers may do so; a size already
/// checkpointed is kept as it is.
/// </summary>
internal sealed class PeriodicCheckpoints(
    CheckpointStore checkpoints, IngestionDatabase database, IOptions<LedgerSigningOptions> options, ILogger<PeriodicCheckpoints> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointIntervalSeconds;
        if (interval <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(interval));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var latest = await checkpoints.LatestAsync(stoppingToken);
                if (await HeadAsync(stoppingToken) > (latest?.TreeSize ?? 0))
                {
                    var checkpoint = await checkpoints.CreateAsync(stoppingToken);
                    logger.LogInformation("Signed audit checkpoint at tree size {TreeSize}, root {RootHash}", checkpoint.TreeSize, Convert.ToHexStringLower(checkpoint.RootHash));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed checkpoint must not stop the worker; the next tick tries again and `ingest audit verify` says why.
                logger.LogError(exception, "Could not sign an audit checkpoint; trying again in {Seconds} s", interval);
            }
        }
    }

    private async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM audit_ledger", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
