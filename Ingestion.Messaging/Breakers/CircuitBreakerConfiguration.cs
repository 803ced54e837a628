using Ingestion.Messaging.Resilience;
using MassTransit;
using MassTransit.Transports.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Messaging.Breakers;

/// <summary>Gives every receive endpoint a circuit breaker whose transitions are observed.</summary>
public static class CircuitBreakerConfiguration
{
    /// <summary>
    /// Adds MassTransit's kill switch to each endpoint, counting transient faults only (a refused document is an
    /// outcome, not a failing dependency), and tells its transitions to every <see cref="IBreakerTransitionListener"/>.
    /// </summary>
    public static IBusRegistrationConfigurator AddCircuitBreakers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddOptions<CircuitBreakerOptions>().BindConfiguration(CircuitBreakerOptions.Section);
        bus.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CircuitBreakerOptions>>().Value;
            var states = new BreakerStates { SettleTime = TimeSpan.FromSeconds(2 * options.RestartTimeoutSeconds) };
            sp.GetRequiredService<Telemetry.IngestionMetrics>().ObserveBreakers(states.All);
            return states;
        });
        bus.AddConfigureEndpointsCallback((context, queueName, endpoint) =>
        {
            var options = context.GetRequiredService<IOptions<CircuitBreakerOptions>>().Value;
            if (!options.Enabled)
            {
                return;
            }

            var killSwitchOptions = new KillSwitchOptions();
            killSwitchOptions
                .SetActivationThreshold(options.ActivationThreshold)
                .SetTripThreshold(options.TripThresholdPercent)
                .SetTrackingPeriod(TimeSpan.FromSeconds(options.TrackingPeriodSeconds))
                .SetRestartTimeout(TimeSpan.FromSeconds(options.RestartTimeoutSeconds))
                .SetExceptionFilter(e => e.Handle<Exception>(TransientFaults.IsTransient));
            // MassTransit's kill switch, built here rather than by UseKillSwitch so that wait-queue redelivery can count the
            // failures it parks (they are not faults, and the breaker would not see them otherwise).
            var killSwitch = new KillSwitch(killSwitchOptions);
            endpoint.ConnectReceiveEndpointObserver(killSwitch);
            context.GetRequiredService<BreakerStates>().Track(queueName, killSwitch);
            endpoint.ConnectReceiveEndpointObserver(new CircuitBreakerObserver(
                queueName,
                context.GetRequiredService<IHostApplicationLifetime>(),
                options,
                context.GetRequiredService<BreakerStates>(),
                context.GetServices<IBreakerTransitionListener>().ToList(),
                context.GetRequiredService<Telemetry.IngestionMetrics>(),
                context.GetRequiredService<ILoggerFactory>().CreateLogger<CircuitBreakerObserver>()));
        });
        return bus;
    }
}
