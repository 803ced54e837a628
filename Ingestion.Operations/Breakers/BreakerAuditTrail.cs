using System.Threading.Channels;
using Ingestion.Audit.Ledger;
using Ingestion.Audit.Staging;
using Ingestion.Contracts;
using Ingestion.Messaging.Breakers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ingestion.Operations.Breakers;

/// <summary>
/// Puts this worker's breaker transitions on the audit trail (<c>CIRCUIT_OPENED</c>, <c>CIRCUIT_CLOSED</c>; actor the
/// worker, reason the thresholds), each staged in a transaction of its own. A breaker opens when a dependency fails, the
/// database often enough, so the breaker only queues its entry here; it is written in the background and retried until the
/// database takes it, with the time the breaker changed.
/// </summary>
internal sealed class BreakerAuditTrail(AuditEntryFactory entries, AuditStaging staging, ILogger<BreakerAuditTrail> logger)
    : BackgroundService, IBreakerTransitionListener
{
    private const string OpenState = "OPEN";
    private const string ClosedState = "CLOSED";
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly Channel<AuditEntry> _pending = Channel.CreateUnbounded<AuditEntry>(new UnboundedChannelOptions { SingleReader = true });

    public void Opened(string endpoint, DateTime at, string reason) =>
        _pending.Writer.TryWrite(entries.ForFleet(
            AuditActions.CircuitOpened, $"{endpoint}:{ClosedState}", $"{endpoint}:{OpenState}", OpenState, reason, occurredAt: at));

    public void Closed(string endpoint, DateTime at, string reason) =>
        _pending.Writer.TryWrite(entries.ForFleet(
            AuditActions.CircuitClosed, $"{endpoint}:{OpenState}", $"{endpoint}:{ClosedState}", ClosedState, reason, occurredAt: at));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var entry in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await staging.StageAsync([entry], stoppingToken);
                    break;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Could not stage the {Action} audit entry of {Subject} (attempt {Attempt}); trying again", entry.Action, entry.ToState, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(MaxRetryDelay.TotalMilliseconds, 250 * attempt)), stoppingToken);
                }
            }
        }
    }
}
