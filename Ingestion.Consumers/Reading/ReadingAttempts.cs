using Ingestion.Persistence.Database;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Consumers.Reading;

/// <summary>
/// The durable part of the attempt bound: which deliveries of a document's stage command died while reading it. A
/// delivery marks its start before reading (one committed statement of its own, on its own pooled connection: nothing is
/// held while reading) and takes the mark back when it is done, however it ends: with a result, a refusal, a transient
/// fault, or a cancellation because the worker is stopping. A worker that dies while reading (a crash, a kill, the OOM
/// killer) leaves its mark, so the next delivery finds it and has one attempt fewer. A message a worker had prefetched
/// but never started is not counted. Crashes and limits of a contained child within one delivery are counted in memory
/// against what is left (the worker lives on).
/// </summary>
internal sealed class ReadingAttempts(IngestionDatabase database, IOptions<ReaderOptions> options)
{
    /// <summary>
    /// Marks this delivery's start; returns the attempts it has (<see cref="ReaderOptions.MaxAttempts"/> less the earlier
    /// deliveries that died while reading) and how many those were.
    /// </summary>
    public async Task<(int Left, int Lost)> BeginAsync(Guid correlationId, string stage, CancellationToken cancellationToken)
    {
        var lost = Math.Max(0, await AddAsync(correlationId, stage, 1, cancellationToken) - 1);
        return (Math.Max(1, options.Value.MaxAttempts) - lost, lost);
    }

    /// <summary>The reason of a document whose deliveries were lost as often as the bound allows.</summary>
    public static string Exhausted(int lost) =>
        $"the worker reading this document stopped without an answer {lost} time{(lost == 1 ? string.Empty : "s")} (a crash, or a kill by the system); {ReaderOptions.Section}:MaxAttempts allows no more.";

    /// <summary>
    /// Takes this delivery's start mark back: it ended without dying. Runs on a deadline of its own, so that a worker
    /// stopping (its consume token cancelled) still writes it.
    /// </summary>
    public async Task EndAsync(Guid correlationId, string stage)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            try
            {
                await AddAsync(correlationId, stage, -1, deadline.Token);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !deadline.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
            }
            catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
            {
                // The database stayed away: the mark stays and the next delivery has one attempt fewer; the bound still holds.
                return;
            }
        }
    }

    private async Task<int> AddAsync(Guid correlationId, string stage, int delta, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO reading_attempts (correlation_id, stage, started, updated) VALUES ($1, $2, $3, now())
            ON CONFLICT (correlation_id, stage) DO UPDATE SET started = greatest(0, reading_attempts.started + $3), updated = now()
            RETURNING started
            """,
            connection);
        upsert.Parameters.Add(new NpgsqlParameter { Value = correlationId });
        upsert.Parameters.Add(new NpgsqlParameter { Value = stage });
        upsert.Parameters.Add(new NpgsqlParameter { Value = delta });
        return Math.Max(0, (int)(await upsert.ExecuteScalarAsync(cancellationToken))!);
    }
}
