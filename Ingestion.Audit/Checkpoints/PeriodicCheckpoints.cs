using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Database;
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
    : PeriodicWork(logger)
{
    protected override TimeSpan? Interval =>
        options.Value.CheckpointIntervalSeconds > 0 ? TimeSpan.FromSeconds(options.Value.CheckpointIntervalSeconds) : null;

    protected override string Name => "Periodic audit checkpoint";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        // Measured from the newest checkpoint that verifies: a forged row of a large size must not stop the signing.
        var (latest, rejected) = await checkpoints.LatestVerifiedAsync(cancellationToken);
        foreach (var bad in rejected)
        {
            logger.LogWarning("Audit checkpoint TAMPERING: {Problem}; checkpoint {TreeSize} is not used", bad.Problem, bad.Checkpoint.TreeSize);
        }

        if (await HeadAsync(cancellationToken) > (latest?.TreeSize ?? 0))
        {
            var checkpoint = await checkpoints.CreateAsync(cancellationToken);
            logger.LogInformation("Signed audit checkpoint at tree size {TreeSize}, root {RootHash}", checkpoint.TreeSize, Convert.ToHexStringLower(checkpoint.RootHash));
        }
    }

    private async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM audit_ledger", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
