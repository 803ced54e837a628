using System.Globalization;
using Ingestion.Contracts;
using Ingestion.Messaging.Breakers;
using Ingestion.Messaging.Broker;
using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Operations.Holds;

/// <summary>
/// Watches the hold triggers from every worker: one of this process's breakers open for longer than allowed, a
/// dead-letter rate (documents rejected because a stage faulted past its retries) above the limit, or a work queue
/// holding more than 1.5 minutes of work at its current rate for a whole window (starved workers, a crawling database). The first worker to
/// see a trigger places the hold; the partial unique index makes sure there is only ever one.
/// </summary>
internal sealed class ComplianceHoldMonitor(
    ComplianceHolds holds,
    BreakerStates breakers,
    IngestionDatabase database,
    IOptions<ComplianceHoldOptions> options,
    QueueBacklogProbe queues,
    ILogger<ComplianceHoldMonitor> logger) : PeriodicWork(logger)
{
    private readonly Dictionary<string, DateTime> _backloggedSince = new(StringComparer.Ordinal);

    protected override TimeSpan? Interval =>
        options.Value.Enabled ? TimeSpan.FromSeconds(options.Value.CheckIntervalSeconds) : null;

    protected override string Name => "Compliance hold watch";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await TriggerAsync(options.Value, cancellationToken) is { } trigger && await holds.ActiveAsync(cancellationToken) is null)
        {
            if (await holds.PlaceAsync(trigger.Name, trigger.Reason, cancellationToken))
            {
                logger.LogWarning("Compliance hold placed ({Trigger}): {Reason}", trigger.Name, trigger.Reason);
            }
        }
    }

    private async Task<(string Name, string Reason)?> TriggerAsync(ComplianceHoldOptions settings, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        foreach (var (endpoint, since) in breakers.OpenNow())
        {
            if (now - since > TimeSpan.FromSeconds(settings.BreakerOpenSeconds))
            {
                return ("BREAKER_OPEN", $"The circuit breaker of {endpoint} has been open since {since:O}, longer than {settings.BreakerOpenSeconds} s.");
            }
        }

        if (await BacklogAsync(settings, now, cancellationToken) is { } backlog)
        {
            return backlog;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*)::int, count(*) FILTER (WHERE error_code = ANY(@faults))::int
            FROM packet_documents
            WHERE finalized_at > greatest(
                now() - make_interval(secs => @window),
                -- What came before a release was judged by the person who released the hold; count only what came after.
                coalesce((SELECT max(released_at) FROM compliance_holds), '-infinity'::timestamptz))
            """, connection);
        command.Parameters.AddWithValue("faults", ErrorCodes.StageFailures.ToArray());
        command.Parameters.AddWithValue("window", (double)settings.DeadLetterWindowSeconds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (finalized, faulted) = (reader.GetInt32(0), reader.GetInt32(1));
        var rate = finalized == 0 ? 0 : 100.0 * faulted / finalized;
        return finalized >= settings.DeadLetterMinDocuments && rate > settings.DeadLetterRatePercent
            ? ("DEAD_LETTER_RATE", string.Create(
                CultureInfo.InvariantCulture,
                $"{faulted} of {finalized} documents finalized in the last {settings.DeadLetterWindowSeconds} s were dead-lettered ({rate:F1}% > {settings.DeadLetterRatePercent}%)."))
            : null;
    }

    private async Task<(string Name, string Reason)?> BacklogAsync(ComplianceHoldOptions settings, DateTime now, CancellationToken cancellationToken)
    {
        IReadOnlyList<QueueLoad> loads;
        try
        {
            loads = await queues.ReadAsync(cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning(exception, "Could not read queue depths from the broker's management API");
            return null;
        }

        foreach (var load in loads)
        {
            if (load.Ready < settings.BacklogMinMessages || load.Ratio <= settings.BacklogRatio)
            {
                _backloggedSince.Remove(load.Queue);
                continue;
            }

            var since = _backloggedSince.TryGetValue(load.Queue, out var first) ? first : _backloggedSince[load.Queue] = now;
            if (now - since >= TimeSpan.FromSeconds(settings.BacklogWindowSeconds))
            {
                return ("QUEUE_BACKLOG", string.Create(
                    CultureInfo.InvariantCulture,
                    $"Queue {load.Queue} has held {load.Ready} messages at {load.AcksPerMinute:F1} acknowledgements a minute (ratio {load.Ratio:F1} > {settings.BacklogRatio}) since {since:O}."));
            }
        }

        return null;
    }
}
