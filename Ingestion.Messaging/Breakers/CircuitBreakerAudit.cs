using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Telemetry;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ingestion.Messaging.Breakers;

/// <summary>
/// Puts breaker transitions on the audit trail. MassTransit's kill switch opens a breaker by stopping the endpoint and
/// half-opens it by starting it again; so an endpoint that stops while the process is not shutting down has had its
/// breaker opened (<c>CIRCUIT_OPENED</c>), and one that becomes ready again after that has had it closed
/// (<c>CIRCUIT_CLOSED</c>; if the dependency is still failing it opens again and that is recorded too).
/// </summary>
internal sealed class CircuitBreakerAudit(
    string endpoint, Func<IBus> bus, WorkerIdentity worker, IHostApplicationLifetime lifetime, CircuitBreakerOptions options,
    BreakerStates states, IngestionMetrics metrics, ILogger logger)
    : IReceiveEndpointObserver
{
    private int _open;

    public async Task Ready(ReceiveEndpointReady ready)
    {
        if (Interlocked.Exchange(ref _open, 0) == 1)
        {
            states.Closed(endpoint, DateTime.UtcNow);
            metrics.BreakerTransition(endpoint, "closed");
            logger.LogWarning("Circuit breaker of {Endpoint} closed: the endpoint takes messages again", endpoint);
            await RecordAsync("CIRCUIT_CLOSED", "OPEN", "CLOSED", "The endpoint was restarted after the breaker's timeout and takes messages again.");
        }
    }

    public async Task Stopping(ReceiveEndpointStopping stopping)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested || Interlocked.Exchange(ref _open, 1) == 1)
        {
            return;
        }

        states.Opened(endpoint, DateTime.UtcNow);
        metrics.BreakerTransition(endpoint, "open");
        var reason = $"At least {options.TripThresholdPercent}% of the last {options.ActivationThreshold} or more messages within " +
            $"{options.TrackingPeriodSeconds} s failed transiently; the endpoint stops taking messages for {options.RestartTimeoutSeconds} s.";
        logger.LogWarning("Circuit breaker of {Endpoint} opened: {Reason}", endpoint, reason);
        await RecordAsync("CIRCUIT_OPENED", "CLOSED", "OPEN", reason);
    }

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    private async Task RecordAsync(string action, string from, string to, string reason)
    {
        var eventId = Guid.CreateVersion7();
        try
        {
            await bus().Send(new AuditEvent
            {
                EventId = eventId,
                OccurredAt = DateTime.UtcNow,
                Actor = worker.Actor,
                Action = action,
                CorrelationId = eventId,
                PacketId = Guid.Empty,
                SiteId = "-",
                DocumentSha256 = string.Empty,
                FromState = $"{endpoint}:{from}",
                ToState = $"{endpoint}:{to}",
                Outcome = to,
                Reason = reason,
                Attempt = 1,
            });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The breaker itself must never fail because the audit queue is unreachable; the log keeps the event.
            logger.LogError(exception, "Could not send the {Action} audit event of {Endpoint}", action, endpoint);
        }
    }
}
