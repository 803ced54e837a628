using Ingestion.Messaging.Telemetry;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ingestion.Messaging.Breakers;

/// <summary>
/// Sees breaker transitions. MassTransit's kill switch opens a breaker by stopping the endpoint and half-opens it by
/// starting it again; so an endpoint that stops while the process is not shutting down has had its breaker opened, and
/// one that becomes ready again after that has had it closed (if the dependency is still failing it opens again, and that
/// is seen too). Each transition updates <see cref="BreakerStates"/> and the metrics, is logged, and is told to the
/// listeners (the audit trail's <c>CIRCUIT_OPENED</c> and <c>CIRCUIT_CLOSED</c>).
/// </summary>
internal sealed class CircuitBreakerObserver(
    string endpoint, IHostApplicationLifetime lifetime, CircuitBreakerOptions options, BreakerStates states,
    IReadOnlyList<IBreakerTransitionListener> listeners, IngestionMetrics metrics, ILogger logger)
    : IReceiveEndpointObserver
{
    private int _open;

    public Task Ready(ReceiveEndpointReady ready)
    {
        if (Interlocked.Exchange(ref _open, 0) == 1)
        {
            var at = DateTime.UtcNow;
            states.Closed(endpoint, at);
            metrics.BreakerTransition(endpoint, "closed");
            logger.LogWarning("Circuit breaker of {Endpoint} closed: the endpoint takes messages again", endpoint);
            foreach (var listener in listeners)
            {
                listener.Closed(endpoint, at, "The endpoint was restarted after the breaker's timeout and takes messages again.");
            }
        }

        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested || Interlocked.Exchange(ref _open, 1) == 1)
        {
            return Task.CompletedTask;
        }

        var at = DateTime.UtcNow;
        states.Opened(endpoint, at);
        metrics.BreakerTransition(endpoint, "open");
        var reason = $"At least {options.TripThresholdPercent}% of the last {options.ActivationThreshold} or more messages within " +
            $"{options.TrackingPeriodSeconds} s failed transiently; the endpoint stops taking messages for {options.RestartTimeoutSeconds} s.";
        logger.LogWarning("Circuit breaker of {Endpoint} opened: {Reason}", endpoint, reason);
        foreach (var listener in listeners)
        {
            listener.Opened(endpoint, at, reason);
        }

        return Task.CompletedTask;
    }

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
