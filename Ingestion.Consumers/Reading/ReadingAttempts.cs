using Ingestion.Persistence.Database;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Consumers.Reading;

/// <summary>
/// The durable part of the attempt bound. A contained child that crashes or hits a limit is counted in memory (the worker
/// lives on); only a delivery the broker hands out again (<c>redelivered</c>: the worker that had it stopped without an
/// answer) is counted here, each in its own committed statement before the reading starts. A worker that stops on
/// request hands its message back and says so, so that a graceful stop is not counted as a death. A first delivery
/// costs no statement at all.
/// </summary>
internal sealed class ReadingAttempts(IngestionDatabase database, IOptions<ReaderOptions> options)
{
    /// <summary>
    /// The attempts left for this delivery: <see cref="ReaderOptions.MaxAttempts"/> less the deliveries already lost.
    /// </summary>
    public async Task<(int Left, int Lost)> BeginAsync(Guid correlationId, string stage, bool redelivered, CancellationToken cancellationToken)
    {
        var max = Math.Max(1, options.Value.MaxAttempts);
        if (!redelivered)
        {
            return (max, 0);
        }

        var lost = await AddAsync(correlationId, stage, 1, cancellationToken);
        return (max - lost, lost);
    }

    /// <summary>The reason of a document whose deliveries were lost as often as the bound allows.</summary>
    public static string Exhausted(int lost) =>
        $"the worker reading this document stopped without an answer {lost} time{(lost == 1 ? string.Empty : "s")} (a crash, or a kill by the system); {ReaderOptions.Section}:MaxAttempts allows no more.";

    /// <summary>The worker is stopping and hands the message back unread: the redelivery that follows is not a loss.</summary>
    public async Task HandBackAsync(Guid correlationId, string stage)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await AddAsync(correlationId, stage, -1, deadline.Token);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Without the note the next delivery counts one loss too many; the bound still holds, one attempt earlier.
        }
    }

    private async Task<int> AddAsync(Guid correlationId, string stage, int delta, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO reading_attempts (correlation_id, stage, lost_deliveries, updated) VALUES ($1, $2, $3, now())
            ON CONFLICT (correlation_id, stage) DO UPDATE SET lost_deliveries = reading_attempts.lost_deliveries + $3, updated = now()
            RETURNING lost_deliveries
            """,
            connection);
        upsert.Parameters.Add(new NpgsqlParameter { Value = correlationId });
        upsert.Parameters.Add(new NpgsqlParameter { Value = stage });
        upsert.Parameters.Add(new NpgsqlParameter { Value = delta });
        return Math.Max(0, (int)(await upsert.ExecuteScalarAsync(cancellationToken))!);
    }
}
