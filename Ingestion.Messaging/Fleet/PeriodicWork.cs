using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ingestion.Messaging.Fleet;

/// <summary>
/// Work a worker does on a timer (watching hold triggers, sweeping stale documents, signing checkpoints). A round that
/// fails is logged and the next one tries again: a failed <see cref="BackgroundService"/> would stop the whole host.
/// </summary>
public abstract class PeriodicWork(ILogger logger) : BackgroundService
{
    /// <summary>Time between rounds; null turns the work off.</summary>
    protected abstract TimeSpan? Interval { get; }

    /// <summary>What the work is called in logs.</summary>
    protected abstract string Name { get; }

    /// <summary>One round.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval is not { } interval)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "{Work} failed; trying again in {Seconds} s", Name, interval.TotalSeconds);
            }
        }
    }
}
